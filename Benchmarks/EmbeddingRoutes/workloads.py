"""The texts every embedding route is timed on, made once and written to a JSON file.

Two workloads, both fixed by a seed so every run and every route sees the same texts:
  short: 1,000 English sentences of 10 to 15 words (about 15 word pieces each);
  long:  200 texts of 240 to 254 word pieces, just under the model's 256-token limit, so
         each route does the full work of a long text and none truncates.
Word pieces are counted with the model's own tokenizer (tokenizer.json in the model folder).
"""
import json
import random
from pathlib import Path

VOCABULARY = """
people family friend teacher student doctor city river mountain garden kitchen window road
market library museum station airport school office company team project meeting report
question answer problem idea story letter message picture song movie book paper table chair
computer phone network server database index vector query search model memory storage record
engine cloud file folder user customer order product price service weather morning evening
summer winter history science language music travel health energy water light stone forest
small large quick slow bright quiet early late simple careful modern local public private
green old new long short warm cold happy busy different important useful recent familiar
reads writes builds finds keeps sends opens closes moves brings shows tells asks takes gives
makes starts stops carries follows changes returns stores holds needs wants seems becomes
often never always sometimes usually quickly slowly again together almost already still soon
the a an this that every some many few most of in on at to from with without about after
before under over between during through and but or because while when where if so then
""".split()


def _sentence(rng, low, high):
    words = [rng.choice(VOCABULARY) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + rng.choice([".", ".", ".", "!", "?"])


def _pieces(tokenizer, text):
    """Word pieces of `text`, without [CLS] and [SEP]."""
    return len(tokenizer.encode(text).ids) - 2


def make(tokenizer, seed=20261130):
    rng = random.Random(seed)
    short = [_sentence(rng, 10, 15) for _ in range(1000)]
    long = []
    while len(long) < 200:
        target = rng.randint(240, 254)
        sentences = []
        while _pieces(tokenizer, " ".join(sentences)) < target:
            sentences.append(_sentence(rng, 8, 20))
        words = " ".join(sentences).split(" ")
        while _pieces(tokenizer, " ".join(words)) > target:
            words.pop()
        long.append(" ".join(words))
    return {"short": short, "long": long}


def load_or_make(path, model_dir):
    """The workloads in `path`, made there first if the file does not exist."""
    path = Path(path)
    if not path.exists():
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(Path(model_dir) / "tokenizer.json"))
        tokenizer.no_truncation()  # the file truncates at 128 pieces; the long texts are counted whole
        tokenizer.no_padding()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(make(tokenizer)))
    return json.loads(path.read_text())
