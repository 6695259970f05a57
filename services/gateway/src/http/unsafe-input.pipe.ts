import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { invalidRequest, unsafeInputErrors } from '@ops/contracts';
import { ProblemException } from './problem.js';

/**
 * Refuses a control character (NUL above all: Postgres cannot store it) or a prototype-named field
 * anywhere in a body, query or path parameter, naming the field, before anything is validated or sent on.
 */
@Injectable()
export class UnsafeInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const errors = unsafeInputErrors(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
    if (errors.length) throw new ProblemException(invalidRequest(errors));
    return value;
  }
}
