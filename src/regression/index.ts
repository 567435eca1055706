/**
 * Public API of the regression lab: data sets, training, quantisation, model files, encrypted evaluation.
 */
export * from "./errors.js";
export * from "./table.js";
export * from "./datasets.js";
export * from "./split.js";
export * from "./metrics.js";
export * from "./ols.js";
export * from "./gradient-descent.js";
export * from "./quantize.js";
export * from "./quantized-model.js";
export * from "./train.js";
export * from "./model-file.js";
export * from "./encrypted.js";
export * from "./logistic.js";
export * from "./classification-metrics.js";
export * from "./classifier.js";
export * from "./encrypted-classifier.js";
export * from "./classifier-file.js";
