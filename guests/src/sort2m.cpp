// native: yes
// sort2m (benchmark): std::sort of N (default 2000000) pseudo-random int32 values from
// an LCG (x = x * 1103515245 + 12345 mod 2^32, seed 42, value = (int32_t)x).
// Output: "sort2m N=N checksum=C sorted=1\n", C = sum over i of v[i] * (i + 1) mod 2^64
// (as unsigned). Exit 0. Portable C++17: `g++ -O2 sort2m.cpp`.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char **argv) {
    long n = argc > 1 ? std::atol(argv[1]) : 2000000;
    if (n < 0) n = 0;
    std::vector<int32_t> v((size_t)n);
    uint32_t x = 42;
    for (auto &e : v) {
        x = x * 1103515245u + 12345u;
        e = (int32_t)x;
    }
    std::sort(v.begin(), v.end());
    uint64_t sum = 0;
    for (size_t i = 0; i < v.size(); i++) sum += (uint64_t)(int64_t)v[i] * (uint64_t)(i + 1);
    bool sorted = std::is_sorted(v.begin(), v.end());
    std::printf("sort2m N=%ld checksum=%llu sorted=%d\n", n, (unsigned long long)sum, sorted ? 1 : 0);
    return 0;
}
