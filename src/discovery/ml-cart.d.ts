/** The part of ml-cart (which ships no types) the discovery feature uses. */
declare module 'ml-cart' {
  export class DecisionTreeClassifier {
    constructor(options?: { gainFunction?: 'gini'; maxDepth?: number; minNumSamples?: number });
    train(x: number[][], y: number[]): void;
    predict(x: number[][]): number[];
  }
}
