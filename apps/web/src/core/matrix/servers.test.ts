import { describe, expect, it } from 'vitest';
import { childOrder, inviteLink, parseInvite } from './servers';

describe('invite links', () => {
  it('round-trips a room version 12 space ID (no server part) with its via servers', () => {
    const link = inviteLink(
      'https://haos.example',
      '!CRtlIVB3B3bB670oQsiLLGY5vu3TGch-4cNb6bJtxs4',
      ['example.org'],
    );
    expect(link).toBe(
      'https://haos.example/invite/!CRtlIVB3B3bB670oQsiLLGY5vu3TGch-4cNb6bJtxs4?via=example.org',
    );
    expect(parseInvite(link)).toEqual({
      roomIdOrAlias: '!CRtlIVB3B3bB670oQsiLLGY5vu3TGch-4cNb6bJtxs4',
      via: ['example.org'],
    });
  });

  it.each([
    ['#night-owls:example.org', { roomIdOrAlias: '#night-owls:example.org', via: [] }],
    ['!old:example.org', { roomIdOrAlias: '!old:example.org', via: [] }],
    [
      'https://matrix.to/#/%23night-owls%3Aexample.org',
      { roomIdOrAlias: '#night-owls:example.org', via: [] },
    ],
    [
      'https://matrix.to/#/!abc:example.org?via=a.org&via=b.org',
      { roomIdOrAlias: '!abc:example.org', via: ['a.org', 'b.org'] },
    ],
    ['  #spaced:example.org  ', { roomIdOrAlias: '#spaced:example.org', via: [] }],
  ])('reads %s', (input, expected) => {
    expect(parseInvite(input)).toEqual(expected);
  });

  it.each([
    '',
    'hello',
    'https://example.org/',
    '#noserver',
    'javascript:alert(1)',
    '/invite/%E0%A4%A',
    '!bad id:example.org',
  ])('refuses %j', (input) => {
    expect(parseInvite(input)).toBeUndefined();
  });

  it('drops via values that are not server names', () => {
    expect(parseInvite('/invite/!abc?via=good.org&via=<script>')?.via).toEqual(['good.org']);
  });

  it('orders children with fixed-width order strings', () => {
    expect([childOrder(10), childOrder(2), childOrder(1)].sort()).toEqual([
      '000001',
      '000002',
      '000010',
    ]);
  });
});
