//! How a model was made from its parent (issue 21 item 2; DESIGN §1.8): the kinds a
//! `derived_kind` column, a leaderboard's type and merged flags, or an lm-eval run's
//! adapter name, normalised to one spelling each.

/// The kinds, in the order summaries list them; anything else reads as unknown.
pub const DERIVED_KINDS: [&str; 6] = [
    "fine-tune",
    "merge",
    "quantised",
    "pruned",
    "distilled",
    "continued pretraining",
];

/// The name summaries give a link whose kind no file says.
pub const UNKNOWN_KIND: &str = "unknown";

/// One of [`DERIVED_KINDS`] for a cell (`Fine-tuned`, `SFT`, `adapter`, `merged`,
/// `quantized`, `GPTQ`, `pruning`, `distillation`, `continued pre-training`, …); `None` for
/// an empty cell or a word it does not know.
pub fn derived_kind(text: &str) -> Option<String> {
    let t: String = text
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    let kind = if t.is_empty() {
        return None;
    } else if has(&["continu"]) {
        "continued pretraining"
    } else if has(&["pretrain"]) {
        // A pretrained model is nobody's child.
        return None;
    } else if has(&["merge", "moerge"]) {
        "merge"
    } else if has(&["quant", "gptq", "awq", "gguf", "bit"]) {
        "quantised"
    } else if has(&["prun", "minitron"]) {
        "pruned"
    } else if has(&["distil"]) {
        "distilled"
    } else if has(&[
        "finetun", "sft", "adapter", "lora", "peft", "instruct", "chat", "dpo", "rlhf",
    ]) {
        "fine-tune"
    } else {
        return None;
    };
    Some(kind.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_map_to_one_kind_each() {
        for (cell, kind) in [
            ("Fine-tuned", "fine-tune"),
            ("fine-tunedondomain-specificdatasets", "fine-tune"),
            ("💬 chat models (RLHF, DPO, IFT, ...)", "fine-tune"),
            ("Adapter", "fine-tune"),
            ("🤝 base merges and moerges", "merge"),
            ("Quantized", "quantised"),
            ("GPTQ", "quantised"),
            ("pruned", "pruned"),
            ("Distillation", "distilled"),
            ("continuously pretrained", "continued pretraining"),
            ("continued pre-training", "continued pretraining"),
        ] {
            assert_eq!(derived_kind(cell).as_deref(), Some(kind), "{cell}");
        }
        assert_eq!(derived_kind(""), None);
        assert_eq!(derived_kind("pretrained"), None);
    }
}
