export { lossCurveSvg, type LossCurveOptions, type LossHistory } from './loss-curve.js';
export { networkSvg, type NetworkSvgOptions } from './network-diagram.js';
