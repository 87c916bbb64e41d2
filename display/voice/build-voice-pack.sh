#!/usr/bin/env bash
# Builds the hall's voice pack: one short WAV clip per speech segment, plus manifest.json.
#
#   display/voice/build-voice-pack.sh [OUT_DIR]      (default: display/public/voice/zh-CN)
#
# Why clips and not live speech synthesis: Chromium on Linux has no zh-CN voice, and the hall must
# speak with no internet. The clips are committed, so a screen needs neither espeak-ng nor sox.
# Why pinyin and not Hanzi: Debian's espeak-ng `cmn` voice turns Hanzi into pinyin and then reads
# that pinyin as English ("请" comes out as "king three"). Its `cmn-latn-pinyin` variant (the same
# Mandarin voice, latin read as pinyin) reads tone-numbered pinyin correctly, so every segment is
# given as pinyin and the result does not depend on the Hanzi dictionary.
# Segment keys must match `segmentKeys` in display/lib/voice/sentence.ts (tests/voice-pack.test.ts
# checks both ways). Output is deterministic for a given espeak-ng and sox version.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/../public/voice/zh-CN}"

missing=()
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
command -v sox >/dev/null 2>&1 || missing+=(sox)
if ((${#missing[@]})); then
  echo "build-voice-pack: missing ${missing[*]}; install the Debian packages: apt-get install -y espeak-ng sox" >&2
  exit 1
fi
root="$(cd "$here/../.." && pwd)"
if [[ ! -x "$root/node_modules/.bin/tsx" ]]; then
  echo "build-voice-pack: run 'npm install' in $root first (the manifest is written by a tsx script)" >&2
  exit 1
fi
voice=cmn-latn-pinyin
if ! espeak-ng --voices=cmn | grep -q " $voice "; then
  echo "build-voice-pack: espeak-ng has no '$voice' voice; install the Debian package espeak-ng-data" >&2
  exit 1
fi

rate=22050   # espeak-ng's native rate: no resampling, and plenty for speech
speed=150    # words per minute; espeak's 175 is hurried for a hall announcement
# sox -D: no dither, so a rebuild gives byte-identical clips; -V1: errors only.
sox_=(sox -D -V1)

# key|pinyin with tone numbers, or a capital letter. Letters are read by espeak's Mandarin voice the
# way Chinese speakers say them (A → "ei"), which is how halls read ticket prefixes.
segments=(
  "qing|qing3" "hao|hao4" "dao|dao4" "chuangkou|chuang1kou3" "banli|ban4li3"
  "0|ling2" "1|yi1" "2|er4" "3|san1" "4|si4" "5|wu3" "6|liu4" "7|qi1" "8|ba1" "9|jiu3" "10|shi2"
)
for letter in {A..Z}; do segments+=("$letter|$letter"); done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
rm -f "$out"/*.wav "$out/manifest.json"

# A two-note "ding-dong" (G5 then E5), each with a soft twelfth above and a bell-like decay.
# note: file seconds hertz
for note in "1 0.5 784" "2 0.75 659"; do
  read -r n secs hz <<<"$note"
  "${sox_[@]}" -n -r "$rate" -c 1 -b 16 "$tmp/note$n.wav" \
    synth "$secs" sine "$hz" synth sine mix "$((hz * 3))" fade l 0.005 "$secs" "$secs"
done
"${sox_[@]}" "$tmp/note1.wav" "$tmp/note2.wav" -b 16 "$out/chime.wav" norm -6

for seg in "${segments[@]}"; do
  IFS='|' read -r key text <<<"$seg"
  espeak-ng -v "$voice" -s "$speed" -w "$tmp/raw.wav" "$text"
  # Trim leading and trailing silence so clips join without dead air, pad a few ms back so the first
  # consonant is not clipped, and bring every clip to the same peak level.
  "${sox_[@]}" "$tmp/raw.wav" -r "$rate" -c 1 -b 16 "$out/$key.wav" \
    silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse pad 0.02 0.06 norm -3
done

# The manifest lists every segment the sentence builder needs and fails if a clip is missing.
(cd "$root" && npx --no-install tsx display/voice/write-manifest.ts "$out" \
  --source "espeak-ng $(espeak-ng --version | awk '{print $4}') voice $voice, $(sox --version | awk '{print $2, $3}'); display/voice/build-voice-pack.sh")
echo "build-voice-pack: $(ls "$out"/*.wav | wc -l) clips in $out ($(du -sh "$out" | cut -f1))"
