//! Helm's tables: gosuri/uitable's layout (every cell padded with spaces to its column's
//! width, cells joined by a tab, cells wider than the limit cut with `...`).

use std::fmt;

/// A table of text cells.
#[derive(Clone, Debug, Default)]
pub struct Table {
    rows: Vec<Vec<String>>,
    max_col_width: usize,
}

impl Table {
    /// An empty table whose columns are at most `max_col_width` wide (0: unlimited).
    pub fn new(max_col_width: usize) -> Self {
        Table {
            rows: Vec::new(),
            max_col_width,
        }
    }

    /// Appends a row.
    pub fn add_row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        self.rows
            .push(cells.into_iter().map(|c| c.as_ref().to_owned()).collect());
    }
}

impl fmt::Display for Table {
    /// The rows joined by newlines, without a trailing one (uitable's `String`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut widths: Vec<usize> = Vec::new();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate() {
                if widths.len() <= i {
                    widths.push(0);
                }
                let mut w = cell.chars().count();
                if self.max_col_width != 0 && w > self.max_col_width {
                    w = self.max_col_width;
                }
                widths[i] = widths[i].max(w);
            }
        }
        for (r, row) in self.rows.iter().enumerate() {
            if r > 0 {
                f.write_str("\n")?;
            }
            for (i, cell) in row.iter().enumerate() {
                if i > 0 {
                    f.write_str("\t")?;
                }
                f.write_str(&resize(cell, widths[i]))?;
            }
        }
        Ok(())
    }
}

/// uitable's `strutil.Resize`: pad with spaces to `width`, or keep `width - 3` bytes and
/// end with `...`.
fn resize(s: &str, width: usize) -> String {
    let len = s.chars().count();
    if width == 0 || len == width {
        return s.to_owned();
    }
    if len < width {
        return format!("{s}{}", " ".repeat(width - len));
    }
    // uitable cuts bytes, not characters.
    let keep = &s.as_bytes()[..width.saturating_sub(3)];
    let mut out = String::from_utf8_lossy(keep).into_owned();
    out.push_str("...");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_padded_and_tab_separated() {
        let mut t = Table::new(0);
        t.add_row(["NAME", "STATUS"]);
        t.add_row(["a", "ok"]);
        assert_eq!(t.to_string(), "NAME\tSTATUS\na   \tok    ");
    }

    #[test]
    fn wide_cells_are_cut() {
        let mut t = Table::new(6);
        t.add_row(["abcdefghij"]);
        assert_eq!(t.to_string(), "abc...");
    }
}
