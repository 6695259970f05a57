import { applyDecorators, type Type } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiResponse } from '@nestjs/swagger';
import { ProblemDoc } from '../http/problem.js';

const ERROR_TEXT: Record<number, string> = {
  400: 'The body, query or path is not valid; `errors` names each bad field. Nothing was written.',
  404: 'Nothing has that id.',
  409: 'Conflicts with the current state (already exists, already done).',
  422: 'Refused by a business rule; `detail` says which.',
  503: 'The service that owns this is not running, or the bus is down. Safe to retry.',
  504: 'The service did not answer in time; the outcome is unknown: read before retrying, or retry with the same Idempotency-Key.',
};

function problems(statuses: number[]) {
  return [400, ...statuses, 503, 504].map((status) => ApiResponse({ status, description: ERROR_TEXT[status], type: ProblemDoc, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDoc' } } } }));
}

/** A command that creates something: 201 with the result, Idempotency-Key honoured. */
export function CreateDoc(summary: string, type: Type<unknown>, errors: number[] = [], description?: string) {
  return applyDecorators(
    ApiOperation({ summary, description }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeat the request with the same key to get the first result back instead of a second record' }),
    ApiCreatedResponse({ type }),
    ...problems(errors),
  );
}

export function ReadDoc(summary: string, type: Type<unknown> | [Type<unknown>], errors: number[] = [], description?: string) {
  return applyDecorators(ApiOperation({ summary, description }), ApiOkResponse({ type }), ...problems(errors));
}

const pages = new Map<Type<unknown>, Type<unknown>>();

/** The schema of a page of `item`s, named `<Item>Page`. */
export function PageOf(item: Type<unknown>): Type<unknown> {
  const known = pages.get(item);
  if (known) return known;
  class Page {
    @ApiProperty({ type: [item] }) items: unknown[];
    @ApiProperty({ example: 1 }) page: number;
    @ApiProperty({ example: 50 }) pageSize: number;
    @ApiProperty({ example: 1, description: 'Items matching the filter, over all pages' }) total: number;
  }
  Object.defineProperty(Page, 'name', { value: `${item.name.replace(/View$/, '')}Page` });
  pages.set(item, Page);
  return Page;
}
