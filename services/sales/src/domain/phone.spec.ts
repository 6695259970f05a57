import { normalisePhone, phoneOrNull } from './phone.js';

describe('phone numbers in one form', () => {
  it.each([
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+86-138-0013-8000', '13800138000'],
    ['0086 13800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    [' 13800138000 ', '13800138000'],
    ['021-5555-1234', '02155551234'],
    ['(021) 5555 1234', '02155551234'],
    ['+86 21 5555 1234', '02155551234'],
    ['0571-8888-7777', '057188887777'],
    ['010-6666 8888 转 123', '01066668888'],
  ])('%s → %s', (raw, expected) => expect(normalisePhone(raw)).toBe(expected));

  it.each(['12345', '1380013800', '138001380001', '23800138000', '5555-1234', 'call me', '+1 415 555 1234', ''])('refuses %j', (raw) => {
    expect(phoneOrNull(raw)).toBeNull();
    expect(() => normalisePhone(raw, 'phone')).toThrow(expect.objectContaining({ code: 'phone-invalid', status: 400, errors: [expect.objectContaining({ field: 'phone' })] }));
  });

  it('writes one customer\'s number the same however it was typed', () => {
    const forms = ['13912345678', '139 1234 5678', '+86 139-1234-5678', '0086-13912345678'];
    expect(new Set(forms.map((f) => normalisePhone(f))).size).toBe(1);
  });
});
