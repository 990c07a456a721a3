//! Every numeric key of a scenario file, in one table: its dotted name, what values it takes,
//! its domain and how it is shown. The parser, `--set`, the live session's input list and the
//! tornado all read this table, so a key is added or changed here and nowhere else.

use super::number::Unit;

/// A numeric key of the scenario file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    TargetRevenue,
    HorizonDays,
    Confidence,
    MarketSize,
    MarketGrowth,
    MarketServiceable,
    ShareCurrent,
    ShareGainPerYear,
    ShareCeiling,
    CapacityReps,
    CapacityNewReps,
    CapacityRampDays,
    CapacityQuotaPerRep,
    CapacityAttainment,
    RunSamples,
    RunSeed,
}

/// What a key accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Any value form: a number, a range, or a distribution table.
    Distribution,
    /// A single number (suffixes allowed), no range.
    Number,
    /// A whole number in `min..=max`.
    Integer { min: u64, max: u64 },
}

/// The values a key may take. A fixed value outside it is an error; a sampled one is clamped.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Domain {
    /// x ≥ 0 (sizes, quotas, attainment).
    NonNegative,
    /// x > 0 (the target).
    Positive,
    /// 0 ≤ x ≤ 1 (fractions of a market).
    UnitInterval,
    /// x ≥ −0.99 (an annual growth rate: the market cannot vanish).
    Growth,
    /// Any real when sampled; a fixed value must lie in [−1, 1] (share points per year).
    GainPerYear,
    /// 0.5 ≤ x ≤ 0.99 (the confidence we call realistic).
    Confidence,
    /// Whole numbers; the range lives in [`Kind::Integer`].
    Whole,
}

impl Domain {
    /// Whether a fixed value is allowed.
    pub fn admits(self, x: f64) -> bool {
        match self {
            Self::NonNegative | Self::Whole => x >= 0.0,
            Self::Positive => x > 0.0,
            Self::UnitInterval => (0.0..=1.0).contains(&x),
            Self::Growth => x >= -0.99,
            Self::GainPerYear => (-1.0..=1.0).contains(&x),
            Self::Confidence => (0.5..=0.99).contains(&x),
        }
    }

    /// Brings a sampled value into the domain, and to a finite number: a wide lognormal can
    /// draw +∞, which would turn 0 × ∞ into NaN downstream.
    pub fn clamp(self, x: f64) -> f64 {
        match self {
            Self::NonNegative | Self::Whole | Self::Positive => x.clamp(0.0, f64::MAX),
            Self::UnitInterval => x.clamp(0.0, 1.0),
            Self::Growth => x.clamp(-0.99, f64::MAX),
            Self::GainPerYear => x.clamp(f64::MIN, f64::MAX),
            Self::Confidence => x.clamp(0.5, 0.99),
        }
    }

    /// The domain in words, for messages: "a number ≥ 0".
    pub fn describe(self) -> &'static str {
        match self {
            Self::NonNegative => "a number ≥ 0",
            Self::Positive => "a number > 0",
            Self::UnitInterval => "a fraction from 0 to 1 (0% to 100%)",
            Self::Growth => "a growth rate ≥ -99%",
            Self::GainPerYear => "share points per year from -100% to 100%",
            Self::Confidence => "a probability from 0.5 to 0.99",
            Self::Whole => "a whole number ≥ 0",
        }
    }

    /// How a clamped sample is described in the warning: "clamped to ≥ 0".
    pub fn clamp_description(self) -> &'static str {
        match self {
            Self::UnitInterval => "clamped to [0, 1]",
            Self::Growth => "clamped to ≥ -0.99 (or to a finite number)",
            Self::GainPerYear => "clamped to a finite number",
            _ => "clamped to ≥ 0 (or to a finite number)",
        }
    }
}

/// A section of the file (`[market]`), with the keys it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Top,
    Target,
    Market,
    Share,
    Capacity,
    Run,
}

impl Section {
    /// Every section, in file order.
    pub const ALL: [Section; 6] = [
        Self::Top,
        Self::Target,
        Self::Market,
        Self::Share,
        Self::Capacity,
        Self::Run,
    ];

    /// The table name in the file (`""` for the top level).
    pub fn name(self) -> &'static str {
        match self {
            Self::Top => "",
            Self::Target => "target",
            Self::Market => "market",
            Self::Share => "share",
            Self::Capacity => "capacity",
            Self::Run => "run",
        }
    }

    /// The sections' keys that are not numeric fields (text keys of the top level).
    pub fn text_keys(self) -> &'static [&'static str] {
        match self {
            Self::Top => &["schema", "name", "currency"],
            _ => &[],
        }
    }

    /// Every key the section accepts, numeric or not.
    pub fn keys(self) -> Vec<&'static str> {
        let mut keys: Vec<&str> = self.text_keys().to_vec();
        keys.extend(
            Field::ALL
                .iter()
                .filter(|f| f.section() == self)
                .map(|f| f.name()),
        );
        if self == Self::Top {
            keys.extend(Self::ALL[1..].iter().map(|s| s.name()));
        }
        keys
    }
}

impl Field {
    /// Every field, in the order the file template and the live session list them.
    pub const ALL: [Field; 16] = [
        Self::TargetRevenue,
        Self::HorizonDays,
        Self::Confidence,
        Self::MarketSize,
        Self::MarketGrowth,
        Self::MarketServiceable,
        Self::ShareCurrent,
        Self::ShareGainPerYear,
        Self::ShareCeiling,
        Self::CapacityReps,
        Self::CapacityNewReps,
        Self::CapacityRampDays,
        Self::CapacityQuotaPerRep,
        Self::CapacityAttainment,
        Self::RunSamples,
        Self::RunSeed,
    ];

    /// The fields that take distributions: the model's uncertain inputs.
    pub const DISTRIBUTIONS: [Field; 8] = [
        Self::MarketSize,
        Self::MarketGrowth,
        Self::MarketServiceable,
        Self::ShareCurrent,
        Self::ShareGainPerYear,
        Self::ShareCeiling,
        Self::CapacityQuotaPerRep,
        Self::CapacityAttainment,
    ];

    /// The table the key lives in.
    pub fn section(self) -> Section {
        match self {
            Self::HorizonDays | Self::Confidence => Section::Top,
            Self::TargetRevenue => Section::Target,
            Self::MarketSize | Self::MarketGrowth | Self::MarketServiceable => Section::Market,
            Self::ShareCurrent | Self::ShareGainPerYear | Self::ShareCeiling => Section::Share,
            Self::CapacityReps
            | Self::CapacityNewReps
            | Self::CapacityRampDays
            | Self::CapacityQuotaPerRep
            | Self::CapacityAttainment => Section::Capacity,
            Self::RunSamples | Self::RunSeed => Section::Run,
        }
    }

    /// The key's name inside its table: `size`.
    pub fn name(self) -> &'static str {
        match self {
            Self::TargetRevenue => "revenue",
            Self::HorizonDays => "horizon_days",
            Self::Confidence => "confidence",
            Self::MarketSize => "size",
            Self::MarketGrowth => "growth",
            Self::MarketServiceable => "serviceable",
            Self::ShareCurrent => "current",
            Self::ShareGainPerYear => "gain_per_year",
            Self::ShareCeiling => "ceiling",
            Self::CapacityReps => "reps",
            Self::CapacityNewReps => "new_reps",
            Self::CapacityRampDays => "ramp_days",
            Self::CapacityQuotaPerRep => "quota_per_rep",
            Self::CapacityAttainment => "attainment",
            Self::RunSamples => "samples",
            Self::RunSeed => "seed",
        }
    }

    /// The dotted key users write in `--set` and see in output: `market.size`.
    pub fn key(self) -> String {
        match self.section() {
            Section::Top => self.name().to_string(),
            section => format!("{}.{}", section.name(), self.name()),
        }
    }

    /// Finds a field by its dotted key.
    pub fn from_key(key: &str) -> Option<Field> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }

    /// What values the key accepts.
    pub fn kind(self) -> Kind {
        match self {
            Self::TargetRevenue | Self::Confidence => Kind::Number,
            Self::HorizonDays => Kind::Integer { min: 1, max: 3650 },
            Self::CapacityReps | Self::CapacityNewReps | Self::CapacityRampDays => Kind::Integer {
                min: 0,
                max: 1_000_000,
            },
            Self::RunSamples => Kind::Integer {
                min: 1,
                max: u64::MAX,
            },
            Self::RunSeed => Kind::Integer {
                min: 0,
                max: u64::MAX,
            },
            _ => Kind::Distribution,
        }
    }

    /// The values the key may take.
    pub fn domain(self) -> Domain {
        match self {
            Self::TargetRevenue => Domain::Positive,
            Self::Confidence => Domain::Confidence,
            Self::MarketSize | Self::CapacityQuotaPerRep | Self::CapacityAttainment => {
                Domain::NonNegative
            }
            Self::MarketGrowth => Domain::Growth,
            Self::MarketServiceable | Self::ShareCurrent | Self::ShareCeiling => {
                Domain::UnitInterval
            }
            Self::ShareGainPerYear => Domain::GainPerYear,
            Self::HorizonDays
            | Self::CapacityReps
            | Self::CapacityNewReps
            | Self::CapacityRampDays
            | Self::RunSamples
            | Self::RunSeed => Domain::Whole,
        }
    }

    /// How values of the key are written for people.
    pub fn unit(self) -> Unit {
        match self {
            Self::TargetRevenue | Self::MarketSize | Self::CapacityQuotaPerRep => Unit::Amount,
            Self::MarketGrowth
            | Self::MarketServiceable
            | Self::ShareCurrent
            | Self::ShareGainPerYear
            | Self::ShareCeiling
            | Self::CapacityAttainment
            | Self::Confidence => Unit::Percent,
            _ => Unit::Plain,
        }
    }

    /// The value a key takes when the file leaves it out (`None`: it is required).
    pub fn default_value(self) -> Option<f64> {
        match self {
            Self::TargetRevenue | Self::HorizonDays | Self::MarketSize => None,
            Self::CapacityQuotaPerRep => None,
            Self::Confidence => Some(0.8),
            Self::MarketGrowth | Self::ShareCurrent | Self::ShareGainPerYear => Some(0.0),
            Self::MarketServiceable | Self::ShareCeiling | Self::CapacityAttainment => Some(1.0),
            Self::CapacityReps | Self::CapacityNewReps | Self::CapacityRampDays => Some(0.0),
            Self::RunSamples => Some(crate::scenario::DEFAULT_SAMPLES as f64),
            Self::RunSeed => Some(crate::scenario::DEFAULT_SEED as f64),
        }
    }

    /// One line on what the key means, for help screens and the template.
    pub fn description(self) -> &'static str {
        match self {
            Self::TargetRevenue => "revenue the plan books inside the horizon",
            Self::HorizonDays => "days from today the target covers",
            Self::Confidence => "P(feasible) we call realistic",
            Self::MarketSize => "annual revenue of the whole market today (TAM)",
            Self::MarketGrowth => "annual growth rate of the market",
            Self::MarketServiceable => "fraction of the market the company can sell to",
            Self::ShareCurrent => "share of the serviceable market today",
            Self::ShareGainPerYear => "share points the company can add per year",
            Self::ShareCeiling => "highest share the company could ever hold",
            Self::CapacityReps => "fully ramped quota-carrying reps today",
            Self::CapacityNewReps => "reps starting today, ramping linearly",
            Self::CapacityRampDays => "days a new rep takes to ramp",
            Self::CapacityQuotaPerRep => "annual quota of a ramped rep",
            Self::CapacityAttainment => "team-average fraction of quota actually booked",
            Self::RunSamples => "Monte Carlo samples",
            Self::RunSeed => "random seed (same seed, same results)",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_keys_round_trip() {
        for field in Field::ALL {
            assert_eq!(Field::from_key(&field.key()), Some(field));
        }
        assert_eq!(Field::MarketSize.key(), "market.size");
        assert_eq!(Field::HorizonDays.key(), "horizon_days");
    }

    #[test]
    fn every_distribution_field_takes_distributions() {
        for field in Field::ALL {
            let listed = Field::DISTRIBUTIONS.contains(&field);
            assert_eq!(listed, field.kind() == Kind::Distribution, "{field:?}");
        }
    }
}
