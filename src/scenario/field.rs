//! Every numeric key of a scenario file, in one table ([`FIELD_TABLE`]): its dotted name, what values
//! it takes, its domain, default, how it is shown and an example. The parser, `--set`, the
//! scenario's storage ([`PerInput`]), the model's columns, the live session's input list and
//! the tornado all read this table, so a key is added or changed here, plus its math (and, for
//! an uncertain input, its random stream's number in `model::sampling::stream`).

use std::ops::{Bound, RangeBounds};

use toml_edit::{Item, Table, TableLike};

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
    /// Any real when sampled; a fixed value must lie in [−1, 1] (share points per year,
    /// [`MOST_GAIN_PER_YEAR`] either way).
    GainPerYear,
    /// 0.5 ≤ x ≤ 0.99 (the confidence we call realistic).
    Confidence,
    /// Whole numbers; the range lives in [`Kind::Integer`].
    Whole,
}

/// Everything [`Domain`]'s methods say of one domain, in one row of [`Domain::bounds`]: the
/// domain column of docs/MODEL.md §2 (a fixed value outside `fixed` is an error; a sample is
/// clamped to `clamped`), in numbers and in words.
#[derive(Debug, Clone, Copy)]
struct Bounds {
    /// The fixed values allowed: the lower end, included or not, and the upper end.
    fixed: (Bound<f64>, Bound<f64>),
    /// The lowest and highest value a sample is clamped to: finite, so that no 0 × ∞ makes a
    /// NaN downstream.
    clamped: (f64, f64),
    /// The domain in words, for messages: "a number ≥ 0".
    words: &'static str,
    /// A sample clamped into the domain in words, for the warnings: "clamped to ≥ 0" (one past
    /// the largest number is said to overflow, by the scenario's warnings).
    clamped_words: &'static str,
    /// A fraction of a market or share points a year, which nothing takes beyond 100%.
    share: bool,
}

/// The largest share gain a year a file takes, either way (a fixed value of
/// [`Domain::GainPerYear`]): 100 points, the whole market in a year (docs/MODEL.md §2).
pub const MOST_GAIN_PER_YEAR: f64 = 1.0;

/// What a clamped sample reads as in the domains from 0 up (sizes, the target, whole numbers).
const AT_LEAST_ZERO: &str = "clamped to ≥ 0";

impl Domain {
    /// The one table of the domains' bounds and their words, which every method here reads:
    /// a domain is added or changed in this match.
    const fn bounds(self) -> Bounds {
        use Bound::{Included, Unbounded};
        match self {
            Self::NonNegative => Bounds {
                fixed: (Included(0.0), Unbounded),
                clamped: (0.0, f64::MAX),
                words: "a number ≥ 0",
                clamped_words: AT_LEAST_ZERO,
                share: false,
            },
            Self::Positive => Bounds {
                fixed: (Bound::Excluded(0.0), Unbounded),
                clamped: (0.0, f64::MAX),
                words: "a number > 0",
                clamped_words: AT_LEAST_ZERO,
                share: false,
            },
            Self::UnitInterval => Bounds {
                fixed: (Included(0.0), Included(1.0)),
                clamped: (0.0, 1.0),
                words: "a fraction from 0 to 1 (0% to 100%)",
                clamped_words: "clamped to 0%–100%",
                share: true,
            },
            Self::Growth => Bounds {
                fixed: (Included(-0.99), Unbounded),
                clamped: (-0.99, f64::MAX),
                words: "a growth rate ≥ -99%",
                clamped_words: "clamped to ≥ -99%",
                share: false,
            },
            Self::GainPerYear => Bounds {
                fixed: (Included(-MOST_GAIN_PER_YEAR), Included(MOST_GAIN_PER_YEAR)),
                clamped: (f64::MIN, f64::MAX),
                words: "share points per year from -100% to 100%",
                clamped_words: "clamped to a finite number",
                share: true,
            },
            Self::Confidence => Bounds {
                fixed: (Included(0.5), Included(0.99)),
                clamped: (0.5, 0.99),
                // As a share is, both ways: "found 49%, expected a probability from 0.5 to
                // 0.99" read as two scales.
                words: "a probability from 0.5 to 0.99 (50% to 99%)",
                clamped_words: "clamped to 50%–99%",
                share: false,
            },
            Self::Whole => Bounds {
                fixed: (Included(0.0), Unbounded),
                clamped: (0.0, f64::MAX),
                words: "a whole number ≥ 0",
                clamped_words: AT_LEAST_ZERO,
                share: false,
            },
        }
    }

    /// Whether a fixed value is allowed.
    pub fn admits(self, x: f64) -> bool {
        self.bounds().fixed.contains(&x)
    }

    /// Brings a sampled value into the domain, and to a finite number: a wide lognormal can
    /// draw +∞, which would turn 0 × ∞ into NaN downstream.
    pub fn clamp(self, x: f64) -> f64 {
        let (low, high) = self.clamp_bounds();
        x.clamp(low, high)
    }

    /// The lowest and highest value a sample is clamped to.
    pub fn clamp_bounds(self) -> (f64, f64) {
        self.bounds().clamped
    }

    /// The domain in words, for messages: "a number ≥ 0".
    pub fn describe(self) -> &'static str {
        self.bounds().words
    }

    /// How a clamped sample is described in the warning: "clamped to ≥ 0".
    pub fn clamp_description(self) -> &'static str {
        self.bounds().clamped_words
    }

    /// Whether the key is a fraction of a market or share points a year, which nothing takes
    /// beyond 100%: a value past it is a slip (`"0.5 to 2"` for a share), said so.
    pub fn is_share(self) -> bool {
        self.bounds().share
    }
}

/// A section of the file (`[market]`), with the keys it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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
            Self::Run => &["method"],
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
            keys.extend(OTHER_TABLES);
        }
        keys
    }
}

/// The table `section`'s keys live in, in the document whose top table is `root`: `root`
/// itself for the top level; `None` where the file has no such table.
pub(super) fn field_table(root: &Table, section: Section) -> Option<&dyn TableLike> {
    match section {
        Section::Top => Some(root),
        section => root.get(section.name()).and_then(Item::as_table_like),
    }
}

/// Tables of the file that hold no numeric field: `[correlation]` and `[norms]`.
pub const OTHER_TABLES: [&str; 2] = ["correlation", "norms"];

/// Everything the program knows about one key, in one row of [`FIELD_TABLE`].
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub field: Field,
    /// The table the key lives in.
    pub section: Section,
    /// The key's name inside its table: `size`.
    pub name: &'static str,
    /// What values the key accepts.
    pub kind: Kind,
    /// The values it may take.
    pub domain: Domain,
    /// How its values are written for people.
    pub unit: Unit,
    /// The value when the file leaves it out; `None`: required.
    pub default: Option<f64>,
    /// One line on what it means, for help screens and messages.
    pub description: &'static str,
    /// Values as a person would type them, in each form the key takes (one number, a range, a
    /// table): the editor's hint, and the first in messages.
    pub examples: &'static [&'static str],
}

const fn spec(
    field: Field,
    section: Section,
    name: &'static str,
    (kind, domain, unit): (Kind, Domain, Unit),
    default: Option<f64>,
    description: &'static str,
    examples: &'static [&'static str],
) -> Spec {
    Spec {
        field,
        section,
        name,
        kind,
        domain,
        unit,
        default,
        description,
        examples,
    }
}

/// The longest horizon a scenario may have, in days (ten years): the frontier's longest and
/// the horizon lever's end too.
pub const LONGEST_HORIZON_DAYS: u32 = 3650;

/// A whole number of days, reps or samples from `min` to `max`.
const fn whole(min: u64, max: u64) -> (Kind, Domain, Unit) {
    (Kind::Integer { min, max }, Domain::Whole, Unit::Plain)
}

/// A key taking any value form, in `domain`, written in `unit`.
const fn input(domain: Domain, unit: Unit) -> (Kind, Domain, Unit) {
    (Kind::Distribution, domain, unit)
}

/// Every key, in file order: the one table a key is added to.
pub const FIELD_TABLE: [Spec; 16] = [
    spec(
        Field::TargetRevenue,
        Section::Target,
        "revenue",
        (Kind::Number, Domain::Positive, Unit::Amount),
        None,
        "revenue the plan books inside the horizon",
        &["3M", "250k", "1.2B"],
    ),
    spec(
        Field::HorizonDays,
        Section::Top,
        "horizon_days",
        whole(1, LONGEST_HORIZON_DAYS as u64),
        None,
        "days from today the target covers",
        &["90", "180", "365"],
    ),
    spec(
        Field::Confidence,
        Section::Top,
        "confidence",
        (Kind::Number, Domain::Confidence, Unit::Percent),
        Some(0.8),
        "P(feasible) we call realistic",
        &["80%", "0.9"],
    ),
    spec(
        Field::MarketSize,
        Section::Market,
        "size",
        input(Domain::NonNegative, Unit::Amount),
        None,
        "annual revenue of the whole market today (TAM)",
        &[
            "35M to 70M",
            "50M",
            "{ dist = \"normal\", mean = \"50M\", sd = \"5M\" }",
        ],
    ),
    spec(
        Field::MarketGrowth,
        Section::Market,
        "growth",
        input(Domain::Growth, Unit::Percent),
        Some(0.0),
        "annual growth rate of the market",
        &[
            "8%",
            "5% to 20%",
            "-3% to 4%",
            "{ dist = \"normal\", mean = \"8%\", sd = \"3%\" }",
        ],
    ),
    spec(
        Field::MarketServiceable,
        Section::Market,
        "serviceable",
        input(Domain::UnitInterval, Unit::Percent),
        Some(1.0),
        "fraction of the market the company can sell to",
        &[
            "80%",
            "60% to 90%",
            "{ dist = \"pert\", min = \"60%\", mode = \"80%\", max = \"90%\" }",
        ],
    ),
    spec(
        Field::ShareCurrent,
        Section::Share,
        "current",
        input(Domain::UnitInterval, Unit::Percent),
        Some(0.0),
        "share of the serviceable market today",
        &[
            "3%",
            "2% to 5%",
            "{ dist = \"pert\", min = \"2%\", mode = \"3%\", max = \"5%\" }",
        ],
    ),
    spec(
        Field::ShareGainPerYear,
        Section::Share,
        "gain_per_year",
        input(Domain::GainPerYear, Unit::Percent),
        Some(0.0),
        "share points the company can add per year",
        &[
            "5%",
            "2% to 15%",
            "{ dist = \"pert\", min = \"1%\", mode = \"4%\", max = \"10%\" }",
        ],
    ),
    spec(
        Field::ShareCeiling,
        Section::Share,
        "ceiling",
        input(Domain::UnitInterval, Unit::Percent),
        Some(1.0),
        "highest share the company could ever hold",
        &[
            "60%",
            "40% to 70%",
            "{ dist = \"uniform\", min = \"40%\", max = \"70%\" }",
        ],
    ),
    spec(
        Field::CapacityReps,
        Section::Capacity,
        "reps",
        whole(0, 1_000_000),
        Some(0.0),
        "fully ramped quota-carrying reps today",
        &["6", "12"],
    ),
    spec(
        Field::CapacityNewReps,
        Section::Capacity,
        "new_reps",
        whole(0, 1_000_000),
        Some(0.0),
        "reps starting today, ramping linearly",
        &["4", "0"],
    ),
    spec(
        Field::CapacityRampDays,
        Section::Capacity,
        "ramp_days",
        whole(0, 1_000_000),
        Some(0.0),
        "days a new rep takes to ramp",
        &["120", "150"],
    ),
    spec(
        Field::CapacityQuotaPerRep,
        Section::Capacity,
        "quota_per_rep",
        input(Domain::NonNegative, Unit::Amount),
        None,
        "annual quota of a ramped rep: new revenue it books in a year",
        &[
            "1.2M",
            "800k to 1.5M",
            "{ dist = \"normal\", mean = \"1.2M\", sd = \"200k\" }",
        ],
    ),
    spec(
        Field::CapacityAttainment,
        Section::Capacity,
        "attainment",
        input(Domain::NonNegative, Unit::Percent),
        Some(1.0),
        "team-average fraction of quota actually booked",
        &[
            "80%",
            "50% to 110%",
            "{ dist = \"pert\", min = \"50%\", mode = \"80%\", max = \"110%\" }",
        ],
    ),
    spec(
        Field::RunSamples,
        Section::Run,
        "samples",
        whole(1, u64::MAX),
        Some(crate::scenario::DEFAULT_SAMPLES as f64),
        "Monte Carlo samples",
        &["100000", "1M"],
    ),
    spec(
        Field::RunSeed,
        Section::Run,
        "seed",
        whole(0, u64::MAX),
        Some(crate::scenario::DEFAULT_SEED as f64),
        "random seed (same seed, same results)",
        &["7", "2026"],
    ),
];

/// How many keys take distributions: the model's uncertain inputs.
pub const INPUT_COUNT: usize = {
    let mut count = 0;
    let mut i = 0;
    while i < FIELD_TABLE.len() {
        if matches!(FIELD_TABLE[i].kind, Kind::Distribution) {
            count += 1;
        }
        i += 1;
    }
    count
};

/// Each field's slot among the inputs, worked out once from the table (a lookup the hot loop
/// can afford).
const SLOTS: [Option<usize>; FIELD_TABLE.len()] = {
    let mut slots = [None; FIELD_TABLE.len()];
    let (mut i, mut j) = (0, 0);
    while i < FIELD_TABLE.len() {
        if matches!(FIELD_TABLE[i].kind, Kind::Distribution) {
            slots[i] = Some(j);
            j += 1;
        }
        i += 1;
    }
    slots
};

impl Field {
    /// Every field, in the order of [`FIELD_TABLE`]: the file template's and the live session's.
    pub const ALL: [Field; FIELD_TABLE.len()] = {
        let mut all = [Field::TargetRevenue; FIELD_TABLE.len()];
        let mut i = 0;
        while i < FIELD_TABLE.len() {
            all[i] = FIELD_TABLE[i].field;
            i += 1;
        }
        all
    };

    /// The fields that take distributions (the model's uncertain inputs), in [`FIELD_TABLE`] order;
    /// their position here is their slot in a [`PerInput`] (their random stream is fixed apart,
    /// by `model::sampling::stream`, so that it never moves with the slot).
    pub const INPUTS: [Field; INPUT_COUNT] = {
        let mut inputs = [Field::TargetRevenue; INPUT_COUNT];
        let (mut i, mut j) = (0, 0);
        while i < FIELD_TABLE.len() {
            if matches!(FIELD_TABLE[i].kind, Kind::Distribution) {
                inputs[j] = FIELD_TABLE[i].field;
                j += 1;
            }
            i += 1;
        }
        inputs
    };

    /// The row of [`FIELD_TABLE`] that describes this field.
    pub fn spec(self) -> &'static Spec {
        // A test checks that FIELD_TABLE lists the fields in the enum's order.
        &FIELD_TABLE[self as usize]
    }

    /// The table the key lives in.
    pub fn section(self) -> Section {
        self.spec().section
    }

    /// The key's name inside its table: `size`.
    pub fn name(self) -> &'static str {
        self.spec().name
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
        self.spec().kind
    }

    /// The values the key may take.
    pub fn domain(self) -> Domain {
        self.spec().domain
    }

    /// Whether the key is a count of days (`horizon_days`, `capacity.ramp_days`), which a
    /// person may type with its unit (`180 days`).
    pub fn counts_days(self) -> bool {
        matches!(self, Field::HorizonDays | Field::CapacityRampDays)
    }

    /// How values of the key are written for people.
    pub fn unit(self) -> Unit {
        self.spec().unit
    }

    /// The value a key takes when the file leaves it out (`None`: it is required).
    pub fn default_value(self) -> Option<f64> {
        self.spec().default
    }

    /// One line on what the key means, for help screens and the template.
    pub fn description(self) -> &'static str {
        self.spec().description
    }

    /// Values as a person would type them, one per form the key takes: `3M`, `250k`.
    pub fn examples(self) -> &'static [&'static str] {
        self.spec().examples
    }

    /// The slot of an uncertain input in a [`PerInput`]; `None` for other keys.
    #[inline]
    pub fn slot(self) -> Option<usize> {
        SLOTS[self as usize]
    }
}

/// One value per uncertain input (a distribution, a column of samples, a count), indexed by
/// the input's [`Field`]. Sized from the field table, so a new input needs no other change
/// here (the model's use of it is in `model/kernel.rs`, and the closed forms that invert it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PerInput<T>([T; INPUT_COUNT]);

impl<T> PerInput<T> {
    /// One value per input, from `f` of its field.
    pub fn from_fn(mut f: impl FnMut(Field) -> T) -> PerInput<T> {
        PerInput(std::array::from_fn(|i| f(Field::INPUTS[i])))
    }

    /// Each input's field with its value, in [`Field::INPUTS`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Field, &T)> {
        Field::INPUTS.into_iter().zip(self.0.iter())
    }

    /// Each input's field with its value to change, in [`Field::INPUTS`] order.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (Field, &mut T)> {
        Field::INPUTS.into_iter().zip(self.0.iter_mut())
    }

    /// The values, in [`Field::INPUTS`] order.
    pub fn values(&self) -> &[T; INPUT_COUNT] {
        &self.0
    }

    /// A new table with `f` applied to each value.
    #[inline]
    pub fn map<'a, U>(&'a self, mut f: impl FnMut(Field, &'a T) -> U) -> PerInput<U> {
        PerInput(std::array::from_fn(|i| f(Field::INPUTS[i], &self.0[i])))
    }
}

impl<T> std::ops::Index<Field> for PerInput<T> {
    type Output = T;

    /// The value of an uncertain input. Indexing by a key that is not one (the target, the
    /// horizon) is a programming error.
    fn index(&self, field: Field) -> &T {
        match field.slot() {
            Some(slot) => &self.0[slot],
            None => panic!("{} is not an uncertain input", field.key()),
        }
    }
}

impl<T> std::ops::IndexMut<Field> for PerInput<T> {
    fn index_mut(&mut self, field: Field) -> &mut T {
        match field.slot() {
            Some(slot) => &mut self.0[slot],
            None => panic!("{} is not an uncertain input", field.key()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_is_a_value_its_input_accepts_and_an_input_shows_each_form() {
        for field in Field::ALL {
            let forms = field.examples();
            for form in forms {
                assert!(
                    crate::scenario::value::read_text(field, form).is_ok(),
                    "{}: the example {form:?} is refused",
                    field.key()
                );
            }
            if field.kind() == Kind::Distribution {
                let shows = |form: &str| forms.iter().any(|f| f.contains(form));
                assert!(shows(" to ") && shows("dist = "), "{}", field.key());
            }
        }
    }

    #[test]
    fn dotted_keys_round_trip() {
        for field in Field::ALL {
            assert_eq!(Field::from_key(&field.key()), Some(field));
        }
        assert_eq!(Field::MarketSize.key(), "market.size");
        assert_eq!(Field::HorizonDays.key(), "horizon_days");
    }

    #[test]
    fn the_table_lists_every_field_once_in_enum_order() {
        for (i, field) in Field::ALL.into_iter().enumerate() {
            assert_eq!(field as usize, i, "FIELD_TABLE row {i} is {field:?}");
            assert_eq!(field.spec().field, field);
        }
    }

    #[test]
    fn every_distribution_field_is_an_input_with_its_own_slot() {
        for field in Field::ALL {
            let listed = Field::INPUTS.contains(&field);
            assert_eq!(listed, field.kind() == Kind::Distribution, "{field:?}");
            assert_eq!(field.slot().is_some(), listed);
        }
        let slots = PerInput::from_fn(|f| f.slot());
        for (field, slot) in slots.iter() {
            assert_eq!(*slot, field.slot());
        }
    }
}
