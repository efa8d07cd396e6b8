//! Criterion benchmarks (figures in docs/performance.md):
//! - one typical reply against the built-in rules;
//! - one reply that meets a required act, one that misses it (which also
//!   searches for input-method slips) and one that meets it through a slip,
//!   side by side;
//! - throughput over 100,000 replies, built-in rules;
//! - 1,000 generated phrases: the compiled automaton against a naive baseline
//!   (normalise, then `str::contains` per phrase), side by side in one run;
//! - load + validate of 1,000 generated scenario files;
//! - load + validate of one scenario of 500 and of 2,000 nodes: linear
//!   work takes 4× as long for the second, quadratic work 16×.

use std::hint::black_box;
use std::path::PathBuf;

use courtesy_core::judge::rules::{RuleBook, RuleBookBuilder};
use courtesy_core::judge::text::normalize;
use courtesy_core::judge::{NodeRules, score};
use courtesy_core::load::Library;
use courtesy_core::model::{Category, Position, Rule};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn built_in() -> RuleBook {
    let dir =
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("scenarios/phrases");
    let library = Library::load(&[dir]);
    let set = &library.rule_set("service-language").expect("built-in rules").set;
    let mut b = RuleBookBuilder::new();
    b.add_rule_set(set);
    b.build(None)
}

const REPLIES: &[&str] = &[
    "您好，丽江花园物业管理处，请问有什么可以帮您？",
    "对不起，这个问题我请工程主管来为您解答，请您稍等一下。",
    "这个我不知道，你去找有关部门吧。",
    "好的，请稍等，我帮您查一下3栋1202的物业费。",
    "不客气，谢谢您的来电，再见！",
    "喂，说话呀！再不说话我就挂了。",
];

fn replies(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{}（{}号）", REPLIES[i % REPLIES.len()], i)).collect()
}

/// 1,000 distinct forbidden phrases of 3–6 CJK characters.
fn generated_rules(n: usize) -> Vec<Rule> {
    let base: Vec<char> = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持音".chars().collect();
    (0..n)
        .map(|i| {
            let len = 3 + i % 4;
            let phrase: String =
                (0..len).map(|k| base[(i * 7 + k * 131 + k * k * 17) % base.len()]).collect();
            Rule {
                id: format!("g{i}"),
                category: Category::Rudeness,
                phrases: vec![phrase],
                except: vec![],
                weight: 1,
                penalty: 10,
                critical: false,
                command: false,
                negatable: false,
                name: None,
                extends: None,
                without: vec![],
                position: Position::Anywhere,
                suggestion: None,
                clause: None,
            }
        })
        .collect()
}

/// The baseline: normalise once, then `contains` for every phrase.
struct Naive {
    phrases: Vec<(usize, String)>,
}

impl Naive {
    fn new(rules: &[Rule]) -> Naive {
        let phrases = rules
            .iter()
            .enumerate()
            .flat_map(|(i, r)| r.phrases.iter().map(move |p| (i, normalize(p).text)))
            .collect();
        Naive { phrases }
    }

    fn hits(&self, reply: &str) -> usize {
        let n = normalize(reply);
        self.phrases.iter().filter(|(_, p)| n.text.contains(p.as_str())).count()
    }
}

fn bench(c: &mut Criterion) {
    let book = built_in();
    let rules = NodeRules::forbidden_only(&book);
    c.bench_function("typical reply, built-in rules", |b| {
        b.iter(|| score(&book, &rules, black_box(REPLIES[1])))
    });

    // The slip search runs only when a required act is missed.
    let farewell = book.index_of("farewell").expect("the built-in farewell act");
    let required = NodeRules { required: vec![farewell], ..NodeRules::forbidden_only(&book) };
    let mut group = c.benchmark_group("required act");
    for (name, reply) in [
        ("met", "好的，我马上转给维修站，两小时内给您回电，感谢您的来电，再见。"),
        ("missed (slip search)", "好的，我马上转给维修站，两小时内给您回电，请您留意一下电话。"),
        ("met through a slip", "好的，我马上转给维修站，两小时内给您回电，感谢您的来电，在见。"),
    ] {
        group.bench_function(name, |b| b.iter(|| score(&book, &required, black_box(reply))));
    }
    group.finish();

    let corpus = replies(100_000);
    let bytes: usize = corpus.iter().map(String::len).sum();
    let mut group = c.benchmark_group("100k replies");
    group.sample_size(10).throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("built-in rules", |b| {
        b.iter(|| corpus.iter().map(|r| score(&book, &rules, r).score as u64).sum::<u64>())
    });
    group.finish();

    let rules = generated_rules(1_000);
    let mut builder = RuleBookBuilder::new();
    for r in &rules {
        builder.add(r.clone(), true);
    }
    let big = builder.build(None);
    let naive = Naive::new(&rules);
    let sample = replies(2_000);
    let sample_bytes: usize = sample.iter().map(String::len).sum();
    let mut group = c.benchmark_group("1000 phrases, 2k replies");
    group.sample_size(10).throughput(Throughput::Bytes(sample_bytes as u64));
    group.bench_with_input(BenchmarkId::new("automaton", 1000), &sample, |b, s| {
        b.iter(|| s.iter().map(|r| big.scan(r).hits.len()).sum::<usize>())
    });
    group.bench_with_input(BenchmarkId::new("naive contains", 1000), &sample, |b, s| {
        b.iter(|| s.iter().map(|r| naive.hits(r)).sum::<usize>())
    });
    group.finish();

    let dir = tempfile::tempdir().expect("temp dir");
    let template = std::fs::read_to_string(
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
            .join("scenarios/phone-three-rings.ron"),
    )
    .expect("template scenario");
    let phrases = dir.path().join("phrases");
    std::fs::create_dir_all(&phrases).unwrap();
    std::fs::copy(
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
            .join("scenarios/phrases/service-language.ron"),
        phrases.join("service-language.ron"),
    )
    .unwrap();
    for i in 0..1_000 {
        let id = format!("generated-{i:04}");
        let text = template.replacen("id: \"phone-three-rings\"", &format!("id: \"{id}\""), 1);
        std::fs::write(dir.path().join(format!("{id}.ron")), text).unwrap();
    }
    let mut group = c.benchmark_group("load + validate");
    group.sample_size(10);
    group.bench_function("1000 scenario files", |b| {
        b.iter(|| {
            let library = Library::load(&[dir.path().to_path_buf()]);
            assert_eq!(library.error_count(), 0);
            library.scenarios.len()
        })
    });
    group.finish();
}

/// One scenario whose `nodes` reply nodes follow one another to an ending.
fn long_scenario(nodes: usize) -> String {
    let mut text = String::from(
        "Scenario(id: \"long\", title: \"t\", summary: \"s\", venue: FrontDesk,\n\
         company: Company(name: \"丽江花园\"), trainee: Trainee(role: \"前台\"),\n\
         cast: [Person(id: \"c\", name: \"陈女士\", role: Caller)],\n\
         rules: [Rule(id: \"hold\", category: Hold, phrases: [\"请稍等\"])],\n\
         start: \"n0\",\nnodes: [\n",
    );
    for i in 0..nodes {
        let next = if i + 1 == nodes { "end".to_string() } else { format!("n{}", i + 1) };
        text.push_str(&format!(
            "  Node(id: \"n{i}\", speaker: \"c\", says: [\"查一下\"],\n    \
             prompt: Reply(require: [\"hold\"]),\n    \
             next: [Branch(when: Always, goto: \"{next}\")]),\n"
        ));
    }
    text.push_str("  Node(id: \"end\", ending: Ending(kind: Good, text: \"好\")),\n])\n");
    text
}

fn bench_long_scenario(c: &mut Criterion) {
    let mut group = c.benchmark_group("one long scenario, load + validate");
    group.sample_size(10);
    for nodes in [500, 2_000] {
        let text = long_scenario(nodes);
        group.bench_with_input(BenchmarkId::new("nodes", nodes), &text, |b, text| {
            b.iter(|| {
                let file = courtesy_core::SourceFile::new("long.ron", text.as_str());
                let library = Library::from_sources(vec![file], Vec::new());
                assert_eq!(library.error_count(), 0, "{:?}", library.diagnostics.first());
                library.scenarios.len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench, bench_long_scenario);
criterion_main!(benches);
