//! Model names as a join key (dates tables, the embedded base-model dates): case, an
//! organisation prefix (`Qwen/`), `-hf`/`-base` suffixes and the separators `_ - . space`
//! do not count. Letters and digits are split apart too, so `Llama3.1-8B`, `Llama 3.1 8B`
//! and `meta-llama/Llama-3.1-8B-hf` share one key, while `Qwen2.5-7B` and `Qwen2-57B` do not.

/// The join key of a model name: lower-case tokens joined by `-`.
pub fn name_key(name: &str) -> String {
    let last = name.trim().rsplit(['/', '\\']).next().unwrap_or("");
    let mut tokens: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut cur_digit = false;
    for c in last.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            let digit = c.is_ascii_digit();
            if !cur.is_empty() && digit != cur_digit {
                tokens.push(std::mem::take(&mut cur));
            }
            cur.push(c);
            cur_digit = digit;
        } else if !cur.is_empty() {
            tokens.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        tokens.push(cur);
    }
    while tokens.len() > 1 && matches!(tokens.last().map(String::as_str), Some("hf" | "base")) {
        tokens.pop();
    }
    tokens.join("-")
}

#[cfg(test)]
mod tests {
    use super::name_key;

    #[test]
    fn spellings_of_one_model_share_a_key() {
        let k = name_key("Llama-3.1-8B");
        for n in [
            "meta-llama/Llama-3.1-8B",
            "llama_3.1_8b",
            "Llama 3.1 8B",
            "Llama3.1-8B-hf",
            "LLAMA-3.1-8B-Base",
        ] {
            assert_eq!(name_key(n), k, "{n}");
        }
    }

    #[test]
    fn different_models_differ() {
        assert_ne!(name_key("Qwen2.5-7B"), name_key("Qwen2-57B"));
        assert_ne!(name_key("Qwen2.5-7B"), name_key("Qwen2.5-7B-Instruct"));
        assert_eq!(name_key("hf"), "hf");
    }
}
