import { acceptInvite, declineInvite, parseUserId, startDirect } from '../matrix/directs';
import { requireClient, type ClientSource } from './client-source';

/** Direct messages and invites. */
export class DirectActions {
  constructor(private readonly source: ClientSource) {}

  private get client() {
    return requireClient(this.source);
  }

  /** Opens or creates an encrypted DM with what the person typed (a user ID or a local name). */
  async startDirect(input: string): Promise<string> {
    const client = this.client;
    const userId = parseUserId(input, client.getDomain() ?? '');
    if (!userId) throw new Error('Enter a Matrix user ID, like @name:example.org');
    if (userId === client.getUserId()) throw new Error("That's you. Pick someone else to message.");
    return startDirect(client, userId);
  }

  acceptInvite(roomId: string) {
    return acceptInvite(this.client, roomId);
  }

  declineInvite(roomId: string) {
    return declineInvite(this.client, roomId);
  }
}
