/** "Ada", "Ada and Bo", "Ada, Bo and Cy", "Ada, Bo and 3 others" (in the order given). */
export function listOfNames(names: readonly string[]): string {
  if (names.length <= 2) return names.join(' and ');
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]}`;
  return `${names[0]}, ${names[1]} and ${names.length - 2} others`;
}
