//! Math (Sprig's `numeric.go` and the arithmetic in `functions.go`): `add`, `sub`, `mul`,
//! `div`, `mod`, `max`, `min` on int64; `addf`, `subf`, `mulf`, `divf` through
//! shopspring/decimal; `maxf`, `minf`, `floor`, `ceil`, `round`; `seq`.
//!
//! Every operand goes through cast (`"3"` is 3, `"3.5"` is 0, 1.9 is 1). The float functions
//! convert each operand to the shortest decimal that prints as the float, compute exactly in
//! decimal (division rounds half away from zero at 16 places), and convert back.

use rudder_gotmpl::{ArgType, FuncError, FuncMap};
use rudder_value::Value;

use crate::convert::{arg_int, fixed, reg, to_float64, to_int64, variadic};
use crate::lists::until_step;

/// A decimal `mant * 10^exp`, as shopspring/decimal holds it (with a bounded mantissa; on
/// overflow we fall back to float arithmetic).
#[derive(Clone, Copy, Debug)]
struct Decimal {
    mant: i128,
    exp: i32,
}

const DIVISION_PRECISION: i32 = 16;

impl Decimal {
    /// `decimal.NewFromFloat`: the shortest decimal that round-trips to `f`.
    fn from_f64(f: f64) -> Result<Decimal, FuncError> {
        if f.is_nan() || f.is_infinite() {
            let shown = if f.is_nan() {
                "NaN"
            } else if f > 0.0 {
                "+Inf"
            } else {
                "-Inf"
            };
            return Err(FuncError::new(format!(
                "Cannot create a Decimal from {shown}"
            )));
        }
        let text = format!("{f:e}");
        let (mantissa, exp) = text
            .split_once('e')
            .expect("{:e} always prints an exponent");
        let exp: i32 = exp.parse().expect("{:e} prints an integer exponent");
        let neg = mantissa.starts_with('-');
        let digits = mantissa.trim_start_matches('-');
        let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
        let all = format!("{int_part}{frac_part}");
        let mant: i128 = all.parse().expect("digits of a formatted float");
        Ok(Decimal {
            mant: if neg { -mant } else { mant },
            exp: exp - frac_part.len() as i32,
        })
    }

    fn to_f64(self) -> f64 {
        format!("{}e{}", self.mant, self.exp)
            .parse()
            .expect("a formatted decimal parses as a float")
    }

    fn pow10(n: i32) -> Option<i128> {
        10i128.checked_pow(u32::try_from(n).ok()?)
    }

    /// Both mantissas scaled to the smaller exponent.
    fn align(self, other: Decimal) -> Option<(i128, i128, i32)> {
        let exp = self.exp.min(other.exp);
        let a = self.mant.checked_mul(Self::pow10(self.exp - exp)?)?;
        let b = other.mant.checked_mul(Self::pow10(other.exp - exp)?)?;
        Some((a, b, exp))
    }

    fn add(self, other: Decimal) -> Option<Decimal> {
        let (a, b, exp) = self.align(other)?;
        Some(Decimal {
            mant: a.checked_add(b)?,
            exp,
        })
    }

    fn sub(self, other: Decimal) -> Option<Decimal> {
        let (a, b, exp) = self.align(other)?;
        Some(Decimal {
            mant: a.checked_sub(b)?,
            exp,
        })
    }

    fn mul(self, other: Decimal) -> Option<Decimal> {
        Some(Decimal {
            mant: self.mant.checked_mul(other.mant)?,
            exp: self.exp.checked_add(other.exp)?,
        })
    }

    /// `DivRound(other, 16)`: truncate at 16 places, then round half away from zero.
    fn div(self, other: Decimal) -> Option<Decimal> {
        // self/other * 10^16 = mant_a / mant_b * 10^(exp_a - exp_b + 16)
        let k = self.exp - other.exp + DIVISION_PRECISION;
        let (num, den) = if k >= 0 {
            (self.mant.checked_mul(Self::pow10(k)?)?, other.mant)
        } else {
            (self.mant, other.mant.checked_mul(Self::pow10(-k)?)?)
        };
        let mut q = num / den;
        let r = num % den;
        if r.unsigned_abs().checked_mul(2)? >= den.unsigned_abs() {
            if (num < 0) == (den < 0) {
                q += 1;
            } else {
                q -= 1;
            }
        }
        Some(Decimal {
            mant: q,
            exp: -DIVISION_PRECISION,
        })
    }
}

#[derive(Clone, Copy)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

/// Sprig's `execDecimalOp`.
fn decimal_op(first: &Value, rest: &[Value], op: Op) -> Result<Value, FuncError> {
    let mut acc = Decimal::from_f64(to_float64(first))?;
    // Set once a result no longer fits our mantissa; Go's big decimals go on exactly, and
    // plain float arithmetic is the closest we get (it also overflows to ±Inf as Go's final
    // conversion does).
    let mut overflowed: Option<f64> = None;
    for x in rest {
        let d = Decimal::from_f64(to_float64(x))?;
        if matches!(op, Op::Div) && d.mant == 0 {
            return Err(FuncError::new("decimal division by 0"));
        }
        if let Some(a) = overflowed {
            overflowed = Some(float_op(a, d.to_f64(), op));
            continue;
        }
        let exact = match op {
            Op::Add => acc.add(d),
            Op::Sub => acc.sub(d),
            Op::Mul => acc.mul(d),
            Op::Div => acc.div(d),
        };
        match exact {
            Some(v) => acc = v,
            None => overflowed = Some(float_op(acc.to_f64(), d.to_f64(), op)),
        }
    }
    Ok(Value::Float(overflowed.unwrap_or_else(|| acc.to_f64())))
}

fn float_op(a: f64, b: f64, op: Op) -> f64 {
    match op {
        Op::Add => a + b,
        Op::Sub => a - b,
        Op::Mul => a * b,
        Op::Div => a / b,
    }
}

/// Go's `math.Max`.
fn go_max(x: f64, y: f64) -> f64 {
    if x.is_infinite() && x > 0.0 || y.is_infinite() && y > 0.0 {
        return f64::INFINITY;
    }
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == 0.0 && x == y {
        return if x.is_sign_negative() { y } else { x };
    }
    if x > y { x } else { y }
}

/// Go's `math.Min`.
fn go_min(x: f64, y: f64) -> f64 {
    if x.is_infinite() && x < 0.0 || y.is_infinite() && y < 0.0 {
        return f64::NEG_INFINITY;
    }
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == 0.0 && x == y {
        return if x.is_sign_negative() { x } else { y };
    }
    if x < y { x } else { y }
}

/// Sprig's `round`.
fn round(v: &Value, places: i64, round_on: f64) -> f64 {
    let val = to_float64(v);
    let pow = 10f64.powf(places as f64);
    let digit = pow * val;
    let frac = digit - digit.trunc();
    let rounded = if frac >= round_on {
        digit.ceil()
    } else {
        digit.floor()
    };
    rounded / pow
}

/// Sprig's `seq`.
fn seq(params: &[i64]) -> String {
    let join = |v: Vec<i64>| {
        v.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    };
    match params {
        [end] => {
            let start = 1;
            let inc = if *end < start { -1 } else { 1 };
            join(until_step(start, end.wrapping_add(inc), inc))
        }
        [start, end] => {
            let step = if end < start { -1 } else { 1 };
            join(until_step(*start, end.wrapping_add(step), step))
        }
        [start, step, end] => {
            let mut inc = 1;
            if end < start {
                inc = -1;
                if *step > 0 {
                    return String::new();
                }
            }
            join(until_step(*start, end.wrapping_add(inc), *step))
        }
        _ => String::new(),
    }
}

const DIVIDE_BY_ZERO: &str = "runtime error: integer divide by zero";

pub(crate) fn register(map: &mut FuncMap) {
    use ArgType::{Any, Float64, Int};
    reg(map, "add1", fixed(&[Any]), |a| {
        Ok(Value::Int64(to_int64(&a[0]).wrapping_add(1)))
    });
    reg(map, "add", variadic(&[], Any), |a| {
        Ok(Value::Int64(
            a.iter().fold(0i64, |acc, v| acc.wrapping_add(to_int64(v))),
        ))
    });
    reg(map, "sub", fixed(&[Any, Any]), |a| {
        Ok(Value::Int64(to_int64(&a[0]).wrapping_sub(to_int64(&a[1]))))
    });
    reg(map, "div", fixed(&[Any, Any]), |a| {
        let d = to_int64(&a[1]);
        if d == 0 {
            return Err(FuncError::new(DIVIDE_BY_ZERO));
        }
        Ok(Value::Int64(to_int64(&a[0]).wrapping_div(d)))
    });
    reg(map, "mod", fixed(&[Any, Any]), |a| {
        let d = to_int64(&a[1]);
        if d == 0 {
            return Err(FuncError::new(DIVIDE_BY_ZERO));
        }
        Ok(Value::Int64(to_int64(&a[0]).wrapping_rem(d)))
    });
    reg(map, "mul", variadic(&[Any], Any), |a| {
        Ok(Value::Int64(
            a[1..]
                .iter()
                .fold(to_int64(&a[0]), |acc, v| acc.wrapping_mul(to_int64(v))),
        ))
    });
    for name in ["max", "biggest"] {
        reg(map, name, variadic(&[Any], Any), |a| {
            Ok(Value::Int64(
                a[1..].iter().map(to_int64).fold(to_int64(&a[0]), i64::max),
            ))
        });
    }
    reg(map, "min", variadic(&[Any], Any), |a| {
        Ok(Value::Int64(
            a[1..].iter().map(to_int64).fold(to_int64(&a[0]), i64::min),
        ))
    });
    reg(map, "maxf", variadic(&[Any], Any), |a| {
        Ok(Value::Float(
            a[1..]
                .iter()
                .map(to_float64)
                .fold(to_float64(&a[0]), go_max),
        ))
    });
    reg(map, "minf", variadic(&[Any], Any), |a| {
        Ok(Value::Float(
            a[1..]
                .iter()
                .map(to_float64)
                .fold(to_float64(&a[0]), go_min),
        ))
    });
    reg(map, "add1f", fixed(&[Any]), |a| {
        decimal_op(&a[0], &[Value::Int(1)], Op::Add)
    });
    reg(map, "addf", variadic(&[], Any), |a| {
        decimal_op(&Value::Float(0.0), a, Op::Add)
    });
    reg(map, "subf", variadic(&[Any], Any), |a| {
        decimal_op(&a[0], &a[1..], Op::Sub)
    });
    reg(map, "mulf", variadic(&[Any], Any), |a| {
        decimal_op(&a[0], &a[1..], Op::Mul)
    });
    reg(map, "divf", variadic(&[Any], Any), |a| {
        decimal_op(&a[0], &a[1..], Op::Div)
    });
    reg(map, "floor", fixed(&[Any]), |a| {
        Ok(Value::Float(to_float64(&a[0]).floor()))
    });
    reg(map, "ceil", fixed(&[Any]), |a| {
        Ok(Value::Float(to_float64(&a[0]).ceil()))
    });
    reg(map, "round", variadic(&[Any, Int], Float64), |a| {
        let round_on = match a.get(2) {
            Some(Value::Float(f)) => *f,
            _ => 0.5,
        };
        Ok(Value::Float(round(&a[0], arg_int(&a[1]), round_on)))
    });
    reg(map, "seq", variadic(&[], Int), |a| {
        let params: Vec<i64> = a.iter().map(arg_int).collect();
        Ok(Value::from(seq(&params)))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(v: FuncResultValue) -> f64 {
        match v.unwrap() {
            Value::Float(x) => x,
            other => panic!("not a float: {other:?}"),
        }
    }

    type FuncResultValue = Result<Value, FuncError>;

    #[test]
    fn decimal_ops_are_exact() {
        assert_eq!(
            f(decimal_op(
                &Value::Float(0.1),
                &[Value::Float(0.2)],
                Op::Add
            )),
            0.3
        );
        assert_eq!(
            f(decimal_op(
                &Value::Float(1.0),
                &[Value::Float(3.0)],
                Op::Div
            )),
            0.333_333_333_333_333_3
        );
        assert_eq!(
            f(decimal_op(
                &Value::Float(2.0),
                &[Value::Float(3.0)],
                Op::Div
            )),
            0.666_666_666_666_666_7
        );
        assert_eq!(
            f(decimal_op(
                &Value::Float(1.1),
                &[Value::Float(1.1)],
                Op::Mul
            )),
            1.21
        );
        assert!(decimal_op(&Value::Float(1.0), &[Value::Int(0)], Op::Div).is_err());
    }

    #[test]
    fn seq_counts_like_sprig() {
        assert_eq!(seq(&[3]), "1 2 3");
        assert_eq!(seq(&[0]), "1 0");
        assert_eq!(seq(&[2, 5]), "2 3 4 5");
        assert_eq!(seq(&[5, 2]), "5 4 3 2");
        assert_eq!(seq(&[0, 2, 6]), "0 2 4 6");
        assert_eq!(seq(&[6, 2, 0]), "");
        assert_eq!(seq(&[6, -2, 0]), "6 4 2 0");
        assert_eq!(seq(&[]), "");
    }

    #[test]
    fn round_uses_the_threshold() {
        assert_eq!(round(&Value::Float(1.23456), 2, 0.5), 1.23);
        assert_eq!(round(&Value::Float(-2.5), 0, 0.5), -3.0);
        assert_eq!(round(&Value::Float(2.5), 0, 0.4), 3.0);
    }
}
