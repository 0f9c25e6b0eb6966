//! Realistic fictional case-note text of any length, shared by the benchmarks.

/// Sentences in the style of a home-visit note, some with jargon, acronyms, long sentences
/// and blaming words so that every rule has work to do.
const SENTENCES: &[&str] = &[
    "I visited Ava at home on Tuesday after school.",
    "Ava showed me her bedroom and told me about her new friends in Year 4.",
    "Mum said that things had been much calmer since the last review meeting at the school.",
    "The placement with her nan is settled and Ava said she likes it there.",
    "Dad failed to engage with the parenting course and refused to discuss the CIN plan.",
    "During the visit, which took place at the family home on Tuesday afternoon after school, Ava showed me her drawings and told me about the dog, and Mum said the boiler had been fixed at last.",
    "I explained the s47 enquiry and what would happen next.",
    "Mum said \"I just want some help with the mornings\" and cried.",
    "Ava's school reported that her attendance has improved to 96% this term.",
    "We agreed that I will contact the housing team about the damp in the back bedroom.",
    "Contact with her brother is on Saturdays at the family centre.",
    "It was agreed that the TAF meeting would move to the 3rd of December.",
    "Ava drew a picture of her family and put the dog in the middle.",
    "Mum utilises the food bank once a fortnight and said she finds it embarrassing.",
    "In relation to the safety plan, Mum said she understands why Dad cannot stay overnight.",
    "The health visitor, Ms. Patel, said Ava's little brother weighed 6.2kg at 10.30am.",
];

/// A note of about `words` words, in paragraphs of five sentences.
pub fn note(words: usize) -> String {
    let mut out =
        String::from("---\ntype: case-note\ncontact-date: 20/11/2026\n---\n\n# Home visit\n\n");
    let mut n = 0;
    let mut i = 0;
    while n < words {
        let s = SENTENCES[i % SENTENCES.len()];
        out.push_str(s);
        n += s.split_whitespace().count();
        i += 1;
        out.push_str(if i % 5 == 0 { "\n\n" } else { " " });
    }
    out
}
