// sum_wrong: like sum_ok but wrong when N > 2 (prints sum + 1). For Wrong Answer verdicts.
// Input: N, then N integers (int64). Output: sum (or sum+1 when N > 2) and "\n". Exit 0.
#include <iostream>

int main() {
    std::ios::sync_with_stdio(false);
    std::cin.tie(nullptr);
    long long n = 0, x, sum = 0;
    std::cin >> n;
    for (long long i = 0; i < n && (std::cin >> x); i++)
        sum = (long long)((unsigned long long)sum + (unsigned long long)x);
    if (n > 2) sum = (long long)((unsigned long long)sum + 1);
    std::cout << sum << "\n";
    return 0;
}
