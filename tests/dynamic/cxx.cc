// C++ with libstdc++.so.6 and libgcc_s.so.1 from the sysroot: streams,
// containers, virtual calls, exceptions unwinding through frames.
#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

struct shape {
    virtual ~shape() = default;
    virtual double area() const = 0;
};
struct square : shape {
    double s;
    explicit square(double v) : s(v) {}
    double area() const override { return s * s; }
};

static int depth(int n)
{
    if (n == 0)
        throw std::runtime_error("bottom reached");
    return depth(n - 1) + 1;
}

int main()
{
    std::vector<int> v{5, 3, 9, 1, 7};
    std::sort(v.begin(), v.end());
    for (int x : v)
        std::cout << x << ' ';
    std::cout << '\n';
    std::map<std::string, int> m{{"b", 2}, {"a", 1}, {"c", 3}};
    for (const auto &kv : m)
        std::cout << kv.first << '=' << kv.second << ' ';
    std::cout << '\n';
    std::unique_ptr<shape> s(new square(1.5));
    std::cout << "area " << s->area() << '\n';
    try {
        depth(20);
    } catch (const std::exception &e) {
        std::cout << "caught: " << e.what() << '\n';
    }
    try {
        std::vector<int> small(2);
        small.at(5) = 1;
    } catch (const std::out_of_range &) {
        std::cout << "caught out_of_range\n";
    }
    return 0;
}
