// class-transformer keeps its @Type metadata in this module and ships no declaration beside it; the AsyncAPI
// generator (asyncapi.ts) reads it to find the class of a nested array, as class-validator-jsonschema documents.
declare module 'class-transformer/cjs/storage.js' {
  import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';

  export const defaultMetadataStorage: MetadataStorage;
}
