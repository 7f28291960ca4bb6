import { describe, expect, it } from 'vitest';
import { findPersonalData } from '../../src/catalog/pii.ts';

describe('personal data in clear', () => {
  it('finds e-mails encoded in URLs and JSON bodies, once, lower-cased', () => {
    expect(findPersonalData({ url: 'https://www.facebook.com/tr/?id=1&ev=Purchase&ud[em]=Jane.Doe%40Example.com&dl=https%3A%2F%2Fshop%2F%3Femail%3Djane.doe%2540example.com' })).toEqual({ emails: ['jane.doe@example.com'], phones: [] });
    expect(findPersonalData({ url: 'https://api.segment.io/v1/t', body: '{"event":"Order Completed","traits":{"email":"a.b@shop.fr","phone":"+33 6 12 34 56 78"}}' })).toEqual({ emails: ['a.b@shop.fr'], phones: ['+33 6 12 34 56 78'] });
  });

  it('phone numbers only where a parameter says so or in international form; ids, timestamps and hashes are not', () => {
    expect(findPersonalData({ url: 'https://x.example/?tel=0612345678&ts=1700000000000&cid=1473268947.1550531325' })).toEqual({ emails: [], phones: ['0612345678'] });
    expect(findPersonalData({ url: `https://x.example/?ud[em]=${'a'.repeat(64)}&ts=1700000000000&ord=123456789012` })).toBeUndefined();
  });
});
