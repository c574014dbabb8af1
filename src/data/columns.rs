//! Column roles found by header name, with common synonyms.

/// A column's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Model,
    Family,
    ReleaseDate,
    /// Parameter count as a raw number.
    Params,
    /// Parameter count in billions.
    ParamsBillions,
    Tokens,
    TrainingFlop,
    Loss,
    Score,
    Task,
}

impl Role {
    /// Normalised header names that mean this role (see [`normalize_header`]).
    pub fn synonyms(self) -> &'static [&'static str] {
        match self {
            Role::Model => &["model", "name", "modelname"],
            Role::Family => &["family", "modelfamily"],
            Role::ReleaseDate => &["releasedate", "date", "released", "release"],
            Role::Params => &[
                "nparams",
                "params",
                "parameters",
                "modelsize",
                "n",
                "numparams",
            ],
            Role::ParamsBillions => &["paramsb", "sizeb", "nparamsb", "modelsizeb"],
            Role::Tokens => &["ntokens", "tokens", "d", "datatokens", "trainingtokens"],
            Role::TrainingFlop => &[
                "trainingflop",
                "trainingflops",
                "flop",
                "flops",
                "compute",
                "c",
            ],
            Role::Loss => &["loss", "l", "finalloss"],
            Role::Score => &["score", "s", "accuracy"],
            Role::Task => &["task", "benchmark"],
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Role::Model => "the model name",
            Role::Family => "the model family",
            Role::ReleaseDate => "the release date",
            Role::Params => "the parameter count",
            Role::ParamsBillions => "the parameter count in billions",
            Role::Tokens => "the training tokens",
            Role::TrainingFlop => "the training FLOP",
            Role::Loss => "the loss",
            Role::Score => "the score",
            Role::Task => "the task",
        }
    }

    /// Index of the first header with this role.
    pub fn find(self, normalized_headers: &[String]) -> Option<usize> {
        normalized_headers
            .iter()
            .position(|h| self.synonyms().contains(&h.as_str()))
    }
}

/// Lower-case letters and digits only: `"Training FLOP"` → `"trainingflop"`,
/// `"#Params (B)"` → `"paramsb"`.
pub fn normalize_header(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_normalize_to_synonyms() {
        let h: Vec<String> = ["Model Size", "Training FLOP", "loss"]
            .iter()
            .map(|s| normalize_header(s))
            .collect();
        assert_eq!(Role::Params.find(&h), Some(0));
        assert_eq!(Role::TrainingFlop.find(&h), Some(1));
        assert_eq!(Role::Loss.find(&h), Some(2));
        assert_eq!(normalize_header("#Params (B)"), "paramsb");
    }
}
