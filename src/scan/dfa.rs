//! The scanner's automaton: Aho-Corasick compiled to a dense DFA, reporting every pattern that
//! ends at each byte (overlapping matches).
//!
//! Why not a general-purpose crate: the lexicon is a few thousand short words over a small
//! alphabet (the folded text is lowercase ASCII, digits, spaces and a few symbols), so a full
//! transition table stays small — one row of a few dozen entries per trie state — and building
//! it costs one pass over the trie in breadth-first order. A general library either walks
//! failure links on every byte (its NFAs) or builds its DFA several times more slowly, with
//! machinery this scanner never uses. Here a byte costs one table load, one class load and one
//! test for a match.
//!
//! ```text
//! state = next[state * stride + class[byte]]
//! if report[state] != NONE: walk the chain of patterns ending here
//! ```

/// No state, no pattern.
const NONE: u32 = u32::MAX;

/// Each byte's class, and how many classes there are: every byte some pattern uses is a class
/// of its own, and the bytes none uses share class 0.
fn byte_classes<P: AsRef<[u8]>>(patterns: &[P]) -> ([u16; 256], usize) {
    let mut used = [false; 256];
    for pattern in patterns {
        for &byte in pattern.as_ref() {
            used[usize::from(byte)] = true;
        }
    }
    let mut classes = [0u16; 256];
    let mut stride = 1;
    for (byte, used) in used.iter().enumerate() {
        if *used {
            classes[byte] = stride as u16;
            stride += 1;
        }
    }
    (classes, stride)
}

/// A dense Aho-Corasick automaton over byte strings.
#[derive(Debug)]
pub(crate) struct Dfa {
    /// Each byte's class: the bytes no pattern uses share class 0.
    classes: [u16; 256],
    /// Number of classes: the width of a row of `next`.
    stride: usize,
    /// `next[state * stride + class]`: the state after reading a byte of that class.
    next: Vec<u32>,
    /// The pattern that is this state's own path from the root, or `NONE`.
    own: Vec<u32>,
    /// The state itself when it has its own pattern, else the nearest state down its failure
    /// chain that has one, or `NONE`: where the list of patterns ending here starts.
    report: Vec<u32>,
    /// For a state with its own pattern, the next state down its failure chain with one.
    below: Vec<u32>,
    /// Each pattern's length in bytes.
    lengths: Vec<u32>,
}

impl Dfa {
    /// Compiles `patterns`; a pattern is reported by its index. Patterns must be non-empty and
    /// distinct. When the tables could take more than `max_bytes`, nothing is built and the
    /// error is how many bytes they could take.
    pub fn new<P: AsRef<[u8]>>(patterns: &[P], max_bytes: usize) -> Result<Dfa, usize> {
        let (classes, stride) = byte_classes(patterns);
        // At most one state per pattern byte, and the root; each state has a row of `next`,
        // and an entry in `own`, `report`, `below` and `fail`.
        let most_states = 1 + patterns.iter().map(|p| p.as_ref().len()).sum::<usize>();
        let most_bytes = 4 * most_states * (stride + 4);
        if most_bytes > max_bytes {
            return Err(most_bytes);
        }
        // The trie, in the transition table itself: 0 (the root) in a row means no child yet,
        // as the root is nobody's child.
        // Reserved once, so the table is never copied while it grows.
        let mut next: Vec<u32> = Vec::with_capacity(most_states * stride);
        next.resize(stride, 0);
        let mut own: Vec<u32> = Vec::with_capacity(most_states);
        own.push(NONE);
        let mut lengths = Vec::with_capacity(patterns.len());
        for (index, pattern) in patterns.iter().enumerate() {
            let pattern = pattern.as_ref();
            debug_assert!(!pattern.is_empty());
            let mut state = 0usize;
            for &byte in pattern {
                let slot = state * stride + usize::from(classes[usize::from(byte)]);
                if next[slot] == 0 {
                    let child = own.len();
                    own.push(NONE);
                    next.resize(next.len() + stride, 0);
                    next[slot] = child as u32;
                }
                state = next[slot] as usize;
            }
            debug_assert_eq!(own[state], NONE, "patterns are distinct");
            own[state] = index as u32;
            lengths.push(pattern.len() as u32);
        }
        // Shrinking in place gives back what the reservation over-estimated.
        next.shrink_to_fit();
        own.shrink_to_fit();
        let states = own.len();
        let mut fail = vec![0u32; states];
        let mut report = vec![NONE; states];
        let mut below = vec![NONE; states];
        // Breadth first, so that a state's failure state (always shallower) has its full row
        // when the state's row is completed from it.
        let mut queue: Vec<u32> = Vec::with_capacity(states);
        queue.extend(next[..stride].iter().filter(|&&child| child != 0));
        let mut failure_row = vec![0u32; stride];
        let mut head = 0;
        while head < queue.len() {
            let state = queue[head] as usize;
            head += 1;
            let failure = fail[state] as usize;
            below[state] = report[failure];
            report[state] = if own[state] != NONE {
                state as u32
            } else {
                report[failure]
            };
            failure_row.copy_from_slice(&next[failure * stride..][..stride]);
            let row = &mut next[state * stride..][..stride];
            for (slot, &via_failure) in row.iter_mut().zip(&failure_row) {
                if *slot == 0 {
                    *slot = via_failure;
                } else {
                    fail[*slot as usize] = via_failure;
                    queue.push(*slot);
                }
            }
        }
        Ok(Dfa {
            classes,
            stride,
            next,
            own,
            report,
            below,
            lengths,
        })
    }

    /// Calls `found(start, end, pattern)` for every occurrence of every pattern in `text`, in
    /// order of their ends, the longest first among those that end together.
    #[inline]
    pub fn for_each_match(&self, text: &[u8], mut found: impl FnMut(usize, usize, u32)) {
        let (next, report, classes, stride) =
            (&self.next[..], &self.report[..], &self.classes, self.stride);
        let mut state = 0usize;
        for (at, &byte) in text.iter().enumerate() {
            state = next[state * stride + usize::from(classes[usize::from(byte)])] as usize;
            let reporting = report[state];
            if reporting != NONE {
                self.report_from(reporting, at + 1, &mut found);
            }
        }
    }

    /// Reports the patterns that end at `end`, from the state `reporting` down its chain.
    // Out of line: the walk's loop stays small, and most bytes report nothing.
    #[cold]
    fn report_from(
        &self,
        mut reporting: u32,
        end: usize,
        found: &mut impl FnMut(usize, usize, u32),
    ) {
        while reporting != NONE {
            let pattern = self.own[reporting as usize];
            found(end - self.lengths[pattern as usize] as usize, end, pattern);
            reporting = self.below[reporting as usize];
        }
    }

    /// Heap bytes held by the tables.
    #[cfg(test)]
    pub fn heap_bytes(&self) -> usize {
        4 * (self.next.len()
            + self.own.len()
            + self.report.len()
            + self.below.len()
            + self.lengths.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every (start, end, pattern) by brute force, in the order `for_each_match` promises.
    fn naive(patterns: &[&str], text: &str) -> Vec<(usize, usize, u32)> {
        let text = text.as_bytes();
        let mut out = Vec::new();
        for end in 1..=text.len() {
            let mut here: Vec<(usize, usize, u32)> = patterns
                .iter()
                .enumerate()
                .filter(|(_, p)| text[..end].ends_with(p.as_bytes()))
                .map(|(i, p)| (end - p.len(), end, i as u32))
                .collect();
            here.sort_by_key(|&(start, _, _)| start);
            out.extend(here);
        }
        out
    }

    #[test]
    fn finds_what_a_brute_force_search_finds() {
        let cases: &[(&[&str], &str)] = &[
            (&["he", "she", "his", "hers"], "ushers and his shed"),
            (&["a", "aa", "aaa"], "aaaa"),
            (&["anjing", "anj", "jing", "ng"], "dasar anjing lu anjingg"),
            (&["as", "ass", "sass"], "sassy class"),
            (&["f*ck", "*"], "f*ck f**k"),
            (&["bab", "abab", "b"], "ababababa"),
            (&["slot gacor", "gacor", "slot"], "slot slot gacor gacor"),
            (&["xyz"], ""),
            (&["xyz"], "no match here"),
            (&["日本", "本"], "日本語の本"),
        ];
        for (patterns, text) in cases {
            let dfa = Dfa::new(patterns, usize::MAX).unwrap();
            let mut got = Vec::new();
            dfa.for_each_match(text.as_bytes(), |s, e, p| got.push((s, e, p)));
            assert_eq!(got, naive(patterns, text), "{patterns:?} in {text:?}");
        }
    }

    #[test]
    fn bytes_outside_every_pattern_share_one_class() {
        let dfa = Dfa::new(&["ab", "ba"], usize::MAX).unwrap();
        assert_eq!(dfa.stride, 3);
        assert_eq!(dfa.classes[usize::from(b'z')], dfa.classes[0xFF]);
        let most = Dfa::new(&["ab", "ba"], 0).unwrap_err();
        assert!(most >= dfa.heap_bytes());
        assert!(Dfa::new(&["ab", "ba"], most).is_ok());
        assert_ne!(
            dfa.classes[usize::from(b'a')],
            dfa.classes[usize::from(b'b')]
        );
        // Three states besides the root: a, ab, b, ba → five, each a row of three.
        assert_eq!(dfa.next.len(), 5 * 3);
        assert!(dfa.heap_bytes() > 0);
    }
}
