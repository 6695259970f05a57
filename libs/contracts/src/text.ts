import { Transform } from 'class-transformer';
import { IsString, Length, Matches } from 'class-validator';

/**
 * A text field a person fills in: surrounding spaces are trimmed, and a required one that is blank (or
 * only spaces) is refused, as is one longer than `max`. Not for secrets: a password is taken as typed.
 */
export function IsText(max: number, min = 1): PropertyDecorator {
  const decorators: PropertyDecorator[] = [
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    // One message for a blank required field, not two: "must not be blank" says it.
    ...(min === 1 ? [Length(0, max), Matches(/\S/, { message: ({ property }) => `${property} must not be blank` })] : [Length(min, max)]),
  ];
  return (target, property) => decorators.forEach((decorate) => decorate(target, property));
}
