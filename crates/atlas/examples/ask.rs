//! Prints atlas answers for questions given on the command line (development aid).

fn main() {
    let corpus = vesalius_content::Corpus::builtin().unwrap_or_else(|e| panic!("{e}"));
    let atlas = vesalius_atlas::Atlas::builtin(&corpus.references).unwrap_or_else(|e| panic!("{e}"));
    for q in std::env::args().skip(1) {
        match atlas.answer(&q) {
            Some(a) => {
                println!("Q: {q}\n# {} ({:.2}) {:?}\n{}", a.title, a.confidence, a.sources, a.summary);
                for s in &a.sections {
                    println!("## {}", s.heading);
                    for b in &s.blocks {
                        for t in b.texts() {
                            println!("  - {t}");
                        }
                    }
                }
                println!();
            }
            None => println!("Q: {q}\n(no atlas answer)\n"),
        }
    }
}
