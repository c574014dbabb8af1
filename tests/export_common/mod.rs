//! What the export tests share: the sample analysed with the constants of
//! sample_data/params.json (no fit), and the texts of an SVG document.
#![allow(dead_code)]

use densing::analysis::{Analysis, Options, analyze};
use densing::chart::ChartInputs;
use densing::data::{Dataset, SAMPLE_PARAMS_JSON, parse_params, sample};
use densing::law::Fits;

/// Models in the embedded sample: the data rows of sample_data/models.csv (37 of the paper's
/// window and 35 of 2024-09 … 2025-08, see sample_data/README.md).
pub const SAMPLE_MODELS: usize = 72;

pub struct Sample {
    pub dataset: Dataset,
    pub fits: Fits,
    pub options: Options,
    pub analysis: Analysis,
}

impl Sample {
    pub fn new(options: Options) -> Sample {
        let dataset = sample().expect("the embedded sample loads");
        let fits = parse_params("params.json", SAMPLE_PARAMS_JSON).expect("sample params parse");
        let analysis = analyze(&dataset, &fits, &options);
        Sample {
            dataset,
            fits,
            options,
            analysis,
        }
    }

    pub fn inputs(&self) -> ChartInputs<'_> {
        ChartInputs {
            dataset: &self.dataset,
            fits: &self.fits,
            options: &self.options,
            analysis: &self.analysis,
        }
    }
}

/// The trimmed text of every `<text>` element of an SVG document.
pub fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    doc.descendants()
        .filter(|n| n.tag_name().name() == "text")
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect()
}

/// A PNG file decoded to RGBA.
pub fn decode(bytes: &[u8]) -> image::RgbaImage {
    image::load_from_memory_with_format(bytes, image::ImageFormat::Png)
        .expect("a PNG")
        .to_rgba8()
}
