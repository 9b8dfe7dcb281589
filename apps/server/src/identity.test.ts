import { describe, expect, it } from 'vitest';
import {
  goJsonStringArray,
  legacyLivekitIdentity,
  livekitIdentity,
  livekitRoomAlias,
  LEGACY_SLOT_ID,
} from './identity.js';

// Vectors computed with Go's encoding/json, crypto/sha256 and unpadded base64.StdEncoding, the
// way lk-jwt-service derives room aliases and identities.
describe('lk-jwt-service compatible identifiers', () => {
  it.each([
    [['!abc:example.org', 'm.call#ROOM'], '9YzbCxM8P0fwObUtiQ9m/ujMP9ruNMxS7SOsugBEaxA'],
    [['!room<&>:example.org', 'm.call#ROOM'], 'OGnoditrM+TzZ5aYA/TzSZ/BQzBh656XAn01MR2MkLE'],
    // lk-jwt-service's own vector (helper_test.go).
    [['!roomid:example.com', 'slot1234'], 'O8437W3+jmzMVjoIP3tNwbm+XxHQk2iKpOA7aqw3qSc'],
  ])('room alias of %j', ([room, slot], expected) => {
    expect(livekitRoomAlias(room as string, slot as string)).toBe(expected);
  });

  it.each([
    [['@alice:example.org', 'DEVICEID', 'member-1'], 'EKqPjhkY4Z79PW3wKu7wEGyd1WVt8oMAIh4Bk1JDMHQ'],
    [
      ['@bob:example.org', 'DEV\u2028ICE', 'm\u00e9mber "quoted" \\ \n\b\f\x01'],
      'nWs5uhI415mVH5gJP3QyF9wtYbaHK0NJiQy/Cjbacdk',
    ],
    [['@alice:example.org', 'DEVICEID', ''], 'VbajzbM5CDaCwXBZ27okMA/P8UpKR1KVtd0BJZ99fjc'],
    // lk-jwt-service's own vector (helper_test.go).
    [
      ['@alice:example.com', 'DEVICE123', 'memberABC'],
      'J+T45tGruxc+HrUOqJJlyQSV33m728Cme4+vt8/SWrU',
    ],
  ])('identity of %j', ([user, device, member], expected) => {
    expect(livekitIdentity(user as string, device as string, member as string)).toBe(expected);
  });

  it('writes JSON the way Go does', () => {
    expect(goJsonStringArray(['!room<&>:example.org', 'm.call#ROOM'])).toBe(
      '["!room\\u003c\\u0026\\u003e:example.org","m.call#ROOM"]',
    );
    expect(goJsonStringArray(['a\u2028b\u2029'])).toBe('["a\\u2028b\\u2029"]');
  });

  it('uses "<user>:<device>" for legacy /sfu/get identities and the room slot m.call#ROOM', () => {
    expect(legacyLivekitIdentity('@alice:example.org', 'DEVICEID')).toBe(
      '@alice:example.org:DEVICEID',
    );
    expect(LEGACY_SLOT_ID).toBe('m.call#ROOM');
  });
});
