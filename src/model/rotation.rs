//! Sobol points turned toward the limits (docs/MODEL.md §12, "Turned toward the limits"): an
//! orthogonal matrix Q whose first columns point along given directions, so that the best
//! spread dimensions of the Sobol points vary what decides feasibility most.
//!
//! The uncertain inputs' standard normal scores are z = Q·w, with w_k = Φ⁻¹ of Sobol dimension
//! k. Q is orthogonal, so z is again a vector of independent standard normals: every input keeps
//! its law and the inputs stay independent (or correlated only as the copula makes them). Only
//! which points the run sees changes, and with it the estimate's variance, never its mean.

use wide::f64x4;

/// A direction or axis that keeps less than this part of its length once the columns before
/// it are taken out lies in their span: it is skipped (dividing by its tiny remainder would
/// give a column that is not orthogonal to the others).
const INDEPENDENT: f64 = 1e-6;

/// An orthogonal d×d matrix, z = Q·w.
#[derive(Debug, Clone, PartialEq)]
pub struct Rotation {
    d: usize,
    /// Row-major: z_i = Σ_k q[i·d + k]·w_k.
    q: Vec<f64>,
}

impl Rotation {
    /// The orthogonal matrix whose first columns are `directions` (each of length `d`) made
    /// orthonormal in their order, completed by the coordinate axes e_0, e_1, … in theirs
    /// (Gram–Schmidt, each vector orthogonalised twice). A direction that is not finite, is zero,
    /// or lies in the span of the columns before it is skipped; with no usable direction, Q is
    /// the identity.
    pub fn toward(directions: &[Vec<f64>], d: usize) -> Rotation {
        let axes = (0..d).map(|j| (0..d).map(|i| if i == j { 1.0 } else { 0.0 }).collect());
        let mut columns: Vec<Vec<f64>> = Vec::with_capacity(d);
        for mut v in directions.iter().cloned().chain(axes) {
            if columns.len() == d {
                break;
            }
            let length = norm(&v);
            if v.len() != d || !length.is_finite() || length == 0.0 {
                continue;
            }
            for _ in 0..2 {
                for c in &columns {
                    let along = dot(&v, c);
                    v.iter_mut().zip(c).for_each(|(x, y)| *x -= along * y);
                }
            }
            let left = norm(&v);
            if left <= INDEPENDENT * length {
                continue;
            }
            v.iter_mut().for_each(|x| *x /= left);
            columns.push(v);
        }
        let mut q = vec![0.0; d * d];
        for (k, column) in columns.iter().enumerate() {
            for (i, x) in column.iter().enumerate() {
                q[i * d + k] = *x;
            }
        }
        Rotation { d, q }
    }

    /// Column `k` of Q: the direction Sobol dimension k moves the scores in.
    pub fn column(&self, k: usize) -> Vec<f64> {
        (0..self.d).map(|i| self.q[i * self.d + k]).collect()
    }

    /// z = Q·w for four points at once (`w` and `z` of length d; nothing to do when d = 0,
    /// a scenario with nothing uncertain).
    #[inline]
    pub fn apply(&self, w: &[f64x4], z: &mut [f64x4]) {
        if self.d == 0 {
            return;
        }
        for (row, zi) in self.q.chunks_exact(self.d).zip(z.iter_mut()) {
            *zi = row
                .iter()
                .zip(w)
                .fold(f64x4::ZERO, |sum, (q, w)| sum + f64x4::splat(*q) * *w);
        }
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn norm(v: &[f64]) -> f64 {
    dot(v, v).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_orthogonal(r: &Rotation) -> bool {
        (0..r.d).all(|a| {
            (0..r.d).all(|b| {
                let expected = if a == b { 1.0 } else { 0.0 };
                (dot(&r.column(a), &r.column(b)) - expected).abs() < 1e-12
            })
        })
    }

    #[test]
    fn the_first_columns_are_the_directions_made_orthonormal() {
        let first = vec![3.0, 0.0, 4.0, 0.0];
        let second = vec![1.0, 1.0, 0.0, 0.0];
        let r = Rotation::toward(&[first, second.clone()], 4);
        assert!(is_orthogonal(&r));
        assert_eq!(r.column(0), vec![0.6, 0.0, 0.8, 0.0]);
        // The second column is the second direction less its part along the first.
        let c1 = r.column(1);
        let along = dot(&second, &r.column(0));
        let rest: Vec<f64> = (0..4).map(|i| second[i] - along * r.column(0)[i]).collect();
        let length = norm(&rest);
        for i in 0..4 {
            assert!((c1[i] - rest[i] / length).abs() < 1e-12, "{c1:?}");
        }
    }

    #[test]
    fn unusable_directions_are_skipped() {
        let parallel = vec![-2.0, 0.0, 0.0];
        let r = Rotation::toward(
            &[
                vec![1.0, 0.0, 0.0],
                parallel,
                vec![f64::NAN, 1.0, 0.0],
                vec![0.0; 3],
                vec![0.0, f64::INFINITY, 0.0],
            ],
            3,
        );
        assert_eq!(r, Rotation::toward(&[], 3));
        assert_eq!(r.q, vec![1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0]);
    }

    #[test]
    fn nearly_parallel_directions_still_give_an_orthogonal_matrix() {
        let r = Rotation::toward(&[vec![1.0, 1e-3, 2.0, 0.5], vec![1.0, 1.1e-3, 2.0, 0.5]], 4);
        assert!(is_orthogonal(&r));
    }

    #[test]
    fn applying_it_is_the_matrix_product_lane_by_lane() {
        let r = Rotation::toward(&[vec![1.0, 2.0, 2.0]], 3);
        let w = [
            f64x4::new([1.0, 0.0, 0.0, 0.5]),
            f64x4::new([0.0, 1.0, 0.0, -1.0]),
            f64x4::new([0.0, 0.0, 1.0, 2.0]),
        ];
        let mut z = [f64x4::ZERO; 3];
        r.apply(&w, &mut z);
        for lane in 0..4 {
            let wl: Vec<f64> = w.iter().map(|v| v.to_array()[lane]).collect();
            for (i, zi) in z.iter().enumerate() {
                let expected: f64 = (0..3).map(|k| r.q[i * 3 + k] * wl[k]).sum();
                assert_eq!(zi.to_array()[lane], expected);
            }
        }
        // Unit vectors in w give Q's columns.
        assert_eq!(
            z.map(|v| v.to_array()[0]).to_vec(),
            r.column(0),
            "w = e_0 gives the first column"
        );
    }
}
