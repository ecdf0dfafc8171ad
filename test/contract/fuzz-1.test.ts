import { fuzzSuite } from './fuzz-suite'

/** A quarter of the registry's functions: see fuzz-suite.ts. */
fuzzSuite(1)
