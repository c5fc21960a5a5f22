//! The classification of an exam: totals, levels, zones of partial preservation and AIS.

use std::fmt;

use serde::Serialize;

use crate::ais::{completeness, impairment_scale};
use crate::exam::Exam;
use crate::levels::{motor_level, sensory_level};
use crate::nli::neurological_level;
use crate::outcome::Possible;
use crate::totals::Totals;
use crate::values::{Ais, Completeness, NeuroLevel, Zpp};
use crate::zpp::{motor_zpp, sensory_zpp};

/// The full ISNCSCI classification of one exam.
///
/// Serialises to one flat JSON object whose keys (`rightUpperMotorTotal` … `injuryComplete`) and value
/// strings (`ND`, `C5,C6*`, `NA`, `B`) are those of the validation cases' `totals`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Classification {
    /// The 14 score totals.
    #[serde(flatten)]
    pub totals: Totals,
    /// Right sensory level.
    pub right_sensory: Possible<NeuroLevel>,
    /// Left sensory level.
    pub left_sensory: Possible<NeuroLevel>,
    /// Right motor level.
    pub right_motor: Possible<NeuroLevel>,
    /// Left motor level.
    pub left_motor: Possible<NeuroLevel>,
    /// Neurological level of injury.
    pub neurological_level_of_injury: Possible<NeuroLevel>,
    /// Right sensory zone of partial preservation.
    pub right_sensory_zpp: Possible<Zpp>,
    /// Left sensory zone of partial preservation.
    pub left_sensory_zpp: Possible<Zpp>,
    /// Right motor zone of partial preservation.
    pub right_motor_zpp: Possible<Zpp>,
    /// Left motor zone of partial preservation.
    pub left_motor_zpp: Possible<Zpp>,
    /// ASIA Impairment Scale grade.
    pub asia_impairment_scale: Possible<Ais>,
    /// Complete (`C`) or incomplete (`I`).
    pub injury_complete: Possible<Completeness>,
}

/// Classifies an exam according to the International Standards (2019 revision).
pub fn classify(exam: &Exam) -> Classification {
    let vac = exam.voluntary_anal_contraction;
    let dap = exam.deep_anal_pressure;
    let right_motor = motor_level(&exam.right, vac);
    let left_motor = motor_level(&exam.left, vac);
    let nli = neurological_level(exam);
    let ais = impairment_scale(exam, &nli, [&right_motor, &left_motor]);
    Classification {
        totals: Totals::of(exam),
        right_sensory: sensory_level(&exam.right),
        left_sensory: sensory_level(&exam.left),
        right_sensory_zpp: sensory_zpp(&exam.right, dap),
        left_sensory_zpp: sensory_zpp(&exam.left, dap),
        right_motor_zpp: motor_zpp(&exam.right, vac, &right_motor, &ais),
        left_motor_zpp: motor_zpp(&exam.left, vac, &left_motor, &ais),
        right_motor,
        left_motor,
        neurological_level_of_injury: nli,
        asia_impairment_scale: ais,
        injury_complete: completeness(exam),
    }
}

impl fmt::Display for Classification {
    /// A plain-text report: levels and zones per side, then the single values, then the totals.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pair = |f: &mut fmt::Formatter<'_>, name: &str, right: String, left: String| {
            writeln!(f, "{name:<30} right {right:<10} left {left}")
        };
        pair(f, "Sensory level", self.right_sensory.to_string(), self.left_sensory.to_string())?;
        pair(f, "Motor level", self.right_motor.to_string(), self.left_motor.to_string())?;
        writeln!(f, "{:<30} {}", "Neurological level of injury", self.neurological_level_of_injury)?;
        let complete = match self.injury_complete.single() {
            Some(Completeness::Complete) => " (complete)",
            Some(Completeness::Incomplete) => " (incomplete)",
            None => " (undetermined)",
        };
        writeln!(f, "{:<30} {}{complete}", "Complete / incomplete", self.injury_complete)?;
        writeln!(f, "{:<30} {}", "ASIA Impairment Scale (AIS)", self.asia_impairment_scale)?;
        pair(f, "Sensory ZPP", self.right_sensory_zpp.to_string(), self.left_sensory_zpp.to_string())?;
        pair(f, "Motor ZPP", self.right_motor_zpp.to_string(), self.left_motor_zpp.to_string())?;
        let t = &self.totals;
        let rows = [
            ("Upper extremity motor", t.right_upper_motor_total, t.left_upper_motor_total, t.upper_motor_total),
            ("Lower extremity motor", t.right_lower_motor_total, t.left_lower_motor_total, t.lower_motor_total),
            ("Motor", t.right_motor_total, t.left_motor_total, t.right_motor_total.plus(t.left_motor_total)),
            ("Light touch", t.right_touch_total, t.left_touch_total, t.touch_total),
            ("Pin prick", t.right_prick_total, t.left_prick_total, t.prick_total),
        ];
        write!(f, "{:<30} {:>6} {:>6} {:>6}", "Totals", "right", "left", "total")?;
        for (name, right, left, total) in rows {
            write!(f, "\n  {name:<28} {right:>6} {left:>6} {total:>6}")?;
        }
        Ok(())
    }
}
