//! The base model of an lm-evaluation-harness run (issue 21 item 2): `config.model_args`
//! naming a `pretrained=` base different from the model (a run named by `model_name`), or a
//! `peft=` adapter on a `pretrained=` base (the model is the adapter, a fine-tune).

use serde_json::Value;

/// `key` of `config.model_args` (a `k=v,…` string or an object).
fn arg(v: &Value, key: &str) -> Option<String> {
    match v.pointer("/config/model_args")? {
        Value::String(args) => args.split(',').find_map(|kv| {
            let (k, val) = kv.split_once('=')?;
            (k.trim() == key && !val.trim().is_empty()).then(|| val.trim().to_string())
        }),
        Value::Object(map) => map
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string),
        _ => None,
    }
}

/// The run's model name (an adapter run named after its base takes the adapter's name) and
/// its base model with the kind where known.
pub(super) fn base_of(v: &Value, model: String) -> (String, Option<(String, Option<String>)>) {
    let Some(pretrained) = arg(v, "pretrained").map(|p| super::lm_eval_names::display_name(&p))
    else {
        return (model, None);
    };
    if let Some(peft) = arg(v, "peft").map(|p| super::lm_eval_names::display_name(&p)) {
        let name = if model == pretrained { peft } else { model };
        return (name, Some((pretrained, Some("fine-tune".to_string()))));
    }
    // `pretrained=` with a revision names the same model as `model@revision`.
    let same = model == pretrained || model.starts_with(&format!("{pretrained}@"));
    if same {
        (model, None)
    } else {
        (model, Some((pretrained, None)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn adapters_and_named_runs_have_a_base() {
        let adapter = json!({"config": {"model_args": "pretrained=meta-llama/Llama-3.1-8B,peft=org/my-lora"}});
        assert_eq!(
            base_of(&adapter, "meta-llama/Llama-3.1-8B".into()),
            (
                "org/my-lora".to_string(),
                Some(("meta-llama/Llama-3.1-8B".into(), Some("fine-tune".into())))
            )
        );
        let named = json!({"config": {"model_args": {"pretrained": "Qwen/Qwen2.5-7B"}}});
        assert_eq!(
            base_of(&named, "my-merge-7B".into()).1,
            Some(("Qwen/Qwen2.5-7B".into(), None))
        );
        let plain = json!({"config": {"model_args": "pretrained=Qwen/Qwen2.5-7B,revision=abc"}});
        assert_eq!(base_of(&plain, "Qwen/Qwen2.5-7B@abc".into()).1, None);
        assert_eq!(base_of(&json!({}), "x".into()), ("x".to_string(), None));
    }
}
