/** Retrieval evaluation on BEIR-layout data sets: loaders, metrics (pytrec_eval definitions), reports. */
package io.supportkb.ml.eval;
