//! What a user types into the models table: a missing release date or parameter count.

use super::{Column, TableState};
use crate::app::commands::Command;
use crate::data::{parse_date_cell, parse_size_parts, today};
use crate::io::session::Supplied;
use chrono::NaiveDate;

/// A release date typed by the user, in any shape the loaders read (`YYYY-MM-DD`,
/// `YYYY-MM`, `Mon YYYY`, Unix seconds) and, as in a file, not after today.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    parse_date_cell(text).filter(|d| *d <= today())
}

/// A parameter count typed by the user: a plain count (`7e9`) or with a suffix (`7B`,
/// `1.3B`, `350M`, `1.2T`, read as the loaders read them), or a mixture of experts' total
/// and active counts (`30B-A3B`); the total and, for the latter, the active count. Sizes
/// without a total (`8x7B`, `A22B`) are refused: they need one.
pub fn parse_size(text: &str) -> Result<(f64, Option<f64>), String> {
    let expected =
        "expected a positive count such as 7B, 1.3B, 350M or 7e9, or total and active as 30B-A3B";
    let (n, active) = match parse_size_parts(text) {
        Some(p) => match p.total {
            Some(n) => (n, p.active),
            None => {
                return Err(format!(
                    "'{}' is a mixture-of-experts size without its total: {expected}",
                    text.trim()
                ));
            }
        },
        None => (
            text.trim()
                .parse::<f64>()
                .map_err(|_| expected.to_string())?,
            None,
        ),
    };
    let positive = |v: f64| v.is_finite() && v > 0.0;
    if positive(n) && active.is_none_or(|a| positive(a) && a <= n) {
        Ok((n, active))
    } else {
        Err(expected.into())
    }
}

/// A missing date or size: a field to type it in; Enter supplies it.
pub(super) fn supply_cell(
    ui: &mut egui::Ui,
    t: &mut TableState,
    model: &str,
    column: Column,
    out: &mut Vec<Command>,
) {
    let key = (model.to_string(), column);
    let text = t.typing.entry(key.clone()).or_default();
    let hint = match column {
        Column::Date => "YYYY-MM-DD",
        Column::Params => "e.g. 7B",
    };
    let parsed: Result<Supplied, String> = match column {
        Column::Date => parse_date(text)
            .map(|d| Supplied {
                release_date: Some(d),
                ..Supplied::default()
            })
            .ok_or_else(|| {
                "expected a date not after today: YYYY-MM-DD, YYYY-MM or Mon YYYY".to_string()
            }),
        Column::Params => parse_size(text).map(|(n, active)| Supplied {
            release_date: None,
            n_params: Some(n),
            n_params_active: active,
        }),
    };
    let bad = !text.is_empty() && parsed.is_err();
    let mut edit = egui::TextEdit::singleline(text)
        .hint_text(hint)
        .desired_width(90.0);
    if bad {
        edit = edit.text_color(ui.visuals().error_fg_color);
    }
    let label = match column {
        Column::Date => format!("release date of {model}"),
        Column::Params => format!("parameters of {model}"),
    };
    let r = ui.add(edit).on_hover_text(match &parsed {
        Err(e) if bad => e.clone(),
        _ => format!("Missing in the file: type the {label} and press Enter"),
    });
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &label));
    if r.lost_focus()
        && ui.input(|i| i.key_pressed(egui::Key::Enter))
        && let Ok(supplied) = parsed
    {
        t.typing.remove(&key);
        out.push(Command::SupplyModel {
            model: model.to_string(),
            supplied,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_dates_as_people_type_them() {
        assert_eq!(parse_size("7B"), Ok((7e9, None)));
        assert_eq!(parse_size(" 1.3b "), Ok((1.3e9, None)));
        assert_eq!(parse_size("350M"), Ok((350e6, None)));
        assert_eq!(parse_size("7e9"), Ok((7e9, None)));
        assert_eq!(parse_size("30B-A3B"), Ok((30e9, Some(3e9))));
        for moe in ["8x7B", "A22B", "17B-16E"] {
            assert!(parse_size(moe).unwrap_err().contains("mixture-of-experts"));
        }
        assert!(parse_size("3B-A30B").is_err(), "active above the total");
        assert!(parse_size("-3B").is_err() && parse_size("B").is_err());
        assert_eq!(
            parse_date("2024-07-18"),
            NaiveDate::from_ymd_opt(2024, 7, 18)
        );
        assert_eq!(parse_date("2024-07"), NaiveDate::from_ymd_opt(2024, 7, 1));
        assert_eq!(parse_date("July 2024"), NaiveDate::from_ymd_opt(2024, 7, 1));
        assert_eq!(
            parse_date("2024/07/18"),
            NaiveDate::from_ymd_opt(2024, 7, 18)
        );
        assert_eq!(parse_date("2999-01-01"), None, "a future date is refused");
        assert_eq!(parse_date("18.07.2024"), None);
    }
}
