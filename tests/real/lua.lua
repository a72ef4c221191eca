-- Lua 5.4: closures, coroutines, string patterns, math, tables.
local function counter()
  local n = 0
  return function(k) n = n + (k or 1); return n end
end
local c1, c2 = counter(), counter()
c1(); c1(5); c2(2)
print("closures", c1(), c2())

local gen = coroutine.wrap(function(a)
  for i = 1, 3 do a = coroutine.yield(a * i) end
  return "done"
end)
print("coroutine", gen(10), gen(20), gen(30), gen(40))
local co = coroutine.create(function() error("boom") end)
local ok, err = coroutine.resume(co)
print("coroutine error", ok, err:match("boom") ~= nil, coroutine.status(co))

local s = "key1=val1, key2=val2; key3 = val3"
local t = {}
for k, v in s:gmatch("(%w+)%s*=%s*(%w+)") do t[#t + 1] = k .. ":" .. v end
print("gmatch", table.concat(t, " "))
print("gsub", (("hello world"):gsub("o", "0")), ("abc"):rep(3, "-"),
      ("%5.2f|%-5s|%x"):format(math.pi, "ab", 255))
print("find", ("the quick fox"):find("qu(%a+)"), ("x=1"):match("^(%a)=(%d)$"))
print("math", math.floor(-3.5), math.max(3, 9, 1), 7 // 2, 7 % -3,
      2^53 == 2^53 + 1, math.tointeger(3.0), 10 / 4, 1 << 62, math.type(1))
print("sqrt", string.format("%.10f", math.sqrt(2)), math.huge > 0,
      string.format("%.6f", math.sin(1)))
local fib = {}
local function f(n) if n < 2 then return n end
  fib[n] = fib[n] or f(n - 1) + f(n - 2); return fib[n] end
print("fib", f(80))
local arr = {}
for i = 1, 1000 do arr[i] = (i * 7919) % 1000 end
table.sort(arr, function(a, b) return a > b end)
print("sort", arr[1], arr[500], arr[1000], #arr)
local mt = setmetatable({}, {__index = function(_, k) return k * 2 end,
                             __call = function(_, x) return x + 1 end})
print("metatable", mt[21], mt(41))
print("utf8", utf8.len("héllo"), utf8.char(72, 233))
print("pcall", pcall(function() return nil + 1 end))
