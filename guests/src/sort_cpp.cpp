// sort_cpp: reads N then N ints (int32), prints them sorted ascending, separated by
// single spaces, then "\n" (just "\n" for N = 0). Uses std::vector + std::sort. Exit 0.
#include <algorithm>
#include <cstdio>
#include <vector>

int main() {
    long n = 0;
    if (std::scanf("%ld", &n) != 1 || n < 0) n = 0;
    std::vector<int> v;
    v.reserve((size_t)n);
    int x;
    for (long i = 0; i < n && std::scanf("%d", &x) == 1; i++) v.push_back(x);
    std::sort(v.begin(), v.end());
    for (size_t i = 0; i < v.size(); i++) std::printf(i ? " %d" : "%d", v[i]);
    std::printf("\n");
    return 0;
}
