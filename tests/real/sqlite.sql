create table dept (id integer primary key, name text not null);
create table emp (id integer primary key, name text, dept integer references dept(id), salary integer);
insert into dept values (1, 'eng'), (2, 'ops'), (3, 'sales');
insert into emp (name, dept, salary) values
  ('ann', 1, 120), ('bob', 1, 100), ('cid', 2, 90), ('dee', 2, 95),
  ('eve', 3, 70), ('fay', 1, 130), ('gus', null, 50);
with recursive n(x) as (select 1 union all select x + 1 from n where x < 1000)
  insert into emp (name, dept, salary) select 'x' || x, 1 + x % 3, x from n;
select d.name, count(e.id), sum(e.salary), max(e.salary) from dept d
  left join emp e on e.dept = d.id group by d.id order by d.name;
select name, salary from emp where salary > 95 and name not like 'x%' order by salary desc;
select count(*), avg(salary), min(name), max(name) from emp;
select coalesce(d.name, '(none)'), e.name from emp e left join dept d on d.id = e.dept where e.id <= 7 order by e.name;
create index emp_salary on emp(salary);
select count(*) from emp where salary between 100 and 200;
select upper('abc'), length('héllo'), substr('sqlite', 2, 3), printf('%05.1f', 3.14159), 7 / 2, 7 % 3, round(2.5);
begin; update emp set salary = salary * 2 where dept = 2; rollback;
select sum(salary) from emp where dept = 2;
select group_concat(name, ',') from (select name from emp where id <= 4 order by name);
