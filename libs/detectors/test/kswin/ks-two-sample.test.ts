import { describe, expect, it } from 'vitest';
import { ksCount, ksPValue } from '../../src/kswin/ks-two-sample.ts';

// Expected values from SciPy 1.17.1 (`_compute_prob_outside_square`, `ks_2samp`).
describe('ksPValue', () => {
  it('matches SciPy bit for bit', () => {
    expect(ksPValue(30, 10)).toBe(0.07088798787114439);
    expect(ksPValue(30, 5)).toBe(0.8079631540901643);
    expect(ksPValue(100, 20)).toBe(0.03638428787491733);
    expect(ksPValue(30, 30)).toBe(1.6911233892144742e-17);
  });

  it('returns 1 for h = 0 and where rounding pushes the exact value above 1', () => {
    expect(ksPValue(30, 0)).toBe(1);
    expect(ksPValue(30, 1)).toBe(1);
  });
});

describe('ksCount', () => {
  it('counts the largest ECDF gap with ties handled right-continuously', () => {
    const a = Float64Array.from([1, 2, 3, 4, 5, 6, Infinity]);
    const b = Float64Array.from([3.5, 4, 5, 7, 8, 9, Infinity]);
    expect(ksCount(a, b, 6)).toBe(3); // SciPy: statistic 0.5 = 3/6
    expect(ksCount(Float64Array.from([1, 1, 2, Infinity]), Float64Array.from([1, 1, 2, Infinity]), 3)).toBe(0);
    expect(ksCount(Float64Array.from([0, 0, 0, 1, Infinity]), Float64Array.from([0, 1, 1, 1, Infinity]), 4)).toBe(2);
  });
});
