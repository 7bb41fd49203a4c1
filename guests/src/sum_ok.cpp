// sum_ok: a correct competitive-programming solution (iostream style).
// Input: N, then N integers (int64). Output: their sum (int64, wrapping) and "\n". Exit 0.
#include <iostream>

int main() {
    std::ios::sync_with_stdio(false);
    std::cin.tie(nullptr);
    long long n = 0, x, sum = 0;
    std::cin >> n;
    for (long long i = 0; i < n && (std::cin >> x); i++)
        sum = (long long)((unsigned long long)sum + (unsigned long long)x);
    std::cout << sum << "\n";
    return 0;
}
