/**
 * Prefixes every subject and stream name of one deployment or test run, so runs sharing a NATS
 * server never see each other's messages (`t_3f9a.sales.order.placed.v1`, stream `T_3F9A_SALES`).
 */
export class Naming {
  constructor(readonly prefix = '') {
    if (prefix && !/^[a-z0-9_]+$/.test(prefix)) throw new Error(`Subject prefix "${prefix}" may hold a-z, 0-9 and _ only`);
  }

  subject(subject: string): string {
    return this.prefix ? `${this.prefix}.${subject}` : subject;
  }

  unprefixed(subject: string): string {
    return this.prefix && subject.startsWith(`${this.prefix}.`) ? subject.slice(this.prefix.length + 1) : subject;
  }

  stream(name: string): string {
    return this.prefix ? `${this.prefix.toUpperCase()}_${name}` : name;
  }
}
