/*
 * float_out: reads N then N doubles, prints their arithmetic mean with "%.9f\n"
 * (0.000000000 for N <= 0). Exit 0. For float-tolerance checkers.
 */
#include <stdio.h>

int main(void) {
    long n = 0;
    double x, sum = 0;
    long got = 0;
    if (scanf("%ld", &n) != 1) n = 0;
    for (long i = 0; i < n && scanf("%lf", &x) == 1; i++, got++) sum += x;
    printf("%.9f\n", got > 0 ? sum / (double)got : 0.0);
    return 0;
}
