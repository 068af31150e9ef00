#!/usr/bin/env bash
# Regenerate the sample course media from the text sources in this folder:
#   courses/ai-co-ban/media/gioi-thieu.mp4        title cards + Vietnamese narration
#   courses/ai-co-ban/media/gioi-thieu.vi.vtt     WebVTT captions timed to that narration
#   courses/ai-an-toan-trach-nhiem/media/tom-tat.mp3   spoken summary
#
# Needs ffmpeg (with libx264, libmp3lame, drawtext), espeak-ng, sox and soxi,
# all from Debian packages: apt-get install ffmpeg espeak-ng sox fonts-noto-core
# Run from anywhere: bash content/media-src/make-media.sh
set -euo pipefail
export LC_ALL=C.UTF-8

SRC_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CONTENT_DIR="$(dirname "$SRC_DIR")"
VIDEO_DIR="$CONTENT_DIR/courses/ai-co-ban/media"
AUDIO_DIR="$CONTENT_DIR/courses/ai-an-toan-trach-nhiem/media"

FONT_REGULAR="${FONT_REGULAR:-/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf}"
FONT_BOLD="${FONT_BOLD:-/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf}"
VOICE="vi"                 # espeak-ng Northern Vietnamese voice
VIDEO_SPEECH_WPM=165       # espeak-ng -s, words per minute
AUDIO_SPEECH_WPM=150
LEAD_IN=0.5                # seconds of silence before the first card's narration
PAD_BEFORE=0.1             # seconds of silence before each later card's narration
PAD_AFTER=0.4              # seconds of silence after each card's narration

# Length and size limits for the generated media. The script fails when an output is outside them.
VIDEO_MIN_S=10; VIDEO_MAX_S=20; VIDEO_MAX_BYTES=409600    # 400 KiB
AUDIO_MIN_S=20; AUDIO_MAX_S=40; AUDIO_MAX_BYTES=256000    # 250 KiB

for tool in ffmpeg ffprobe espeak-ng sox soxi awk stat; do
  command -v "$tool" >/dev/null || { echo "error: $tool not found. Install it with apt-get." >&2; exit 1; }
done
for font in "$FONT_REGULAR" "$FONT_BOLD"; do
  [[ -f "$font" ]] || { echo "error: font $font not found. Install fonts-noto-core or set FONT_REGULAR and FONT_BOLD." >&2; exit 1; }
done

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Format seconds as a WebVTT timestamp HH:MM:SS.mmm.
vtt_time() {
  awk -v s="$1" 'BEGIN { ms = int(s * 1000 + 0.5);
    printf "%02d:%02d:%02d.%03d", int(ms / 3600000), int(ms / 60000) % 60, int(ms / 1000) % 60, ms % 1000 }'
}

# Break a caption into two lines at the space nearest the middle when it is longer than
# 42 characters. Bash counts characters, not bytes, because the script runs under C.UTF-8.
wrap_caption() {
  local text="$1" length="${#1}" best=-1 i
  if (( length <= 42 )); then
    printf '%s\n' "$text"
    return
  fi
  for (( i = 0; i < length; i++ )); do
    [[ "${text:i:1}" == " " ]] || continue
    if (( best < 0 || (2 * i - length) ** 2 < (2 * best - length) ** 2 )); then
      best=$i
    fi
  done
  if (( best < 0 )); then
    printf '%s\n' "$text"
  else
    printf '%s\n%s\n' "${text:0:best}" "${text:best+1}"
  fi
}

# Print a media file's duration in seconds.
duration_of() {
  ffprobe -v error -show_entries format=duration -of default=noprint_wrappers=1:nokey=1 "$1"
}

# Fail unless the file's duration and size are inside the given limits.
check_limits() {
  local file="$1" min_s="$2" max_s="$3" max_bytes="$4" seconds bytes
  seconds="$(duration_of "$file")"
  bytes="$(stat -c %s "$file")"
  printf '%s: %.1f s, %d bytes\n' "${file#"$CONTENT_DIR"/}" "$seconds" "$bytes"
  awk -v s="$seconds" -v lo="$min_s" -v hi="$max_s" 'BEGIN { exit !(s >= lo && s <= hi) }' \
    || { echo "error: $file lasts $seconds s, expected $min_s to $max_s s. Shorten or lengthen its text source." >&2; exit 1; }
  (( bytes <= max_bytes )) \
    || { echo "error: $file is $bytes bytes, over the limit of $max_bytes. Shorten its text source or lower the bitrate." >&2; exit 1; }
}

make_video() {
  local cards="$SRC_DIR/gioi-thieu.cards.tsv"
  local vtt="$VIDEO_DIR/gioi-thieu.vi.vtt"
  local filters="$WORK/filters.txt"
  local count index=0 start=0 title narration pad_before seconds end

  count="$(grep -cv '^#' "$cards")"
  printf '%s\n' "Sở Khoa học và Công nghệ tỉnh Mẫu" > "$WORK/header.txt"
  printf '%s\n' "Khóa học: Kiến thức cơ bản về trí tuệ nhân tạo" > "$WORK/footer.txt"

  # Static layer: accent bar, header and footer on every frame.
  {
    printf "[0:v]drawbox=x=40:y=140:w=6:h=80:color=0xffd166:t=fill,"
    printf "drawtext=fontfile='%s':textfile='%s':expansion=none:fontsize=18:fontcolor=white@0.85:x=40:y=28," \
      "$FONT_REGULAR" "$WORK/header.txt"
    printf "drawtext=fontfile='%s':textfile='%s':expansion=none:fontsize=16:fontcolor=0xffd166:x=40:y=h-48" \
      "$FONT_REGULAR" "$WORK/footer.txt"
  } > "$filters"

  printf 'WEBVTT\n' > "$vtt"
  : > "$WORK/parts.txt"

  while IFS=$'\t' read -r title narration; do
    [[ -z "$title" || "$title" == \#* ]] && continue
    index=$((index + 1))
    pad_before="$PAD_BEFORE"
    (( index == 1 )) && pad_before="$LEAD_IN"

    espeak-ng -v "$VOICE" -s "$VIDEO_SPEECH_WPM" -w "$WORK/raw$index.wav" "$narration"
    sox -R "$WORK/raw$index.wav" "$WORK/part$index.wav" norm -1 pad "$pad_before" "$PAD_AFTER"
    printf '%s\n' "$WORK/part$index.wav" >> "$WORK/parts.txt"

    seconds="$(soxi -D "$WORK/part$index.wav")"
    end="$(awk -v a="$start" -v b="$seconds" 'BEGIN { printf "%.3f", a + b }')"

    printf '%s\n' "$title" > "$WORK/title$index.txt"
    printf '%s/%s\n' "$index" "$count" > "$WORK/counter$index.txt"
    printf ",drawtext=fontfile='%s':textfile='%s':expansion=none:fontsize=30:fontcolor=white:x=62:y=(h-text_h)/2:enable='between(t,%s,%s)'" \
      "$FONT_BOLD" "$WORK/title$index.txt" "$start" "$end" >> "$filters"
    printf ",drawtext=fontfile='%s':textfile='%s':expansion=none:fontsize=16:fontcolor=white@0.7:x=w-text_w-40:y=h-48:enable='between(t,%s,%s)'" \
      "$FONT_REGULAR" "$WORK/counter$index.txt" "$start" "$end" >> "$filters"

    printf '\n%d\n%s --> %s\n%s\n' "$index" "$(vtt_time "$start")" "$(vtt_time "$end")" \
      "$(wrap_caption "$narration")" >> "$vtt"
    start="$end"
  done < "$cards"
  printf '[v]\n' >> "$filters"

  # shellcheck disable=SC2046 # one argument per part file is intended
  sox -R $(cat "$WORK/parts.txt") "$WORK/narration.wav"

  ffmpeg -loglevel error -y \
    -f lavfi -i "color=c=0x173a6b:s=640x360:r=25:d=$start" \
    -i "$WORK/narration.wav" \
    -filter_complex_script "$filters" -map '[v]' -map 1:a \
    -c:v libx264 -profile:v baseline -level 3.0 -pix_fmt yuv420p \
    -preset veryslow -tune stillimage -crf 28 -g 50 \
    -c:a aac -b:a 48k -ac 1 -ar 44100 \
    -shortest -movflags +faststart -map_metadata -1 \
    -fflags +bitexact -flags:v +bitexact -flags:a +bitexact \
    "$VIDEO_DIR/gioi-thieu.mp4"

  check_limits "$VIDEO_DIR/gioi-thieu.mp4" "$VIDEO_MIN_S" "$VIDEO_MAX_S" "$VIDEO_MAX_BYTES"
  echo "${vtt#"$CONTENT_DIR"/}: $index cues"
}

make_audio() {
  espeak-ng -v "$VOICE" -s "$AUDIO_SPEECH_WPM" -f "$SRC_DIR/tom-tat.txt" -w "$WORK/summary-raw.wav"
  sox -R "$WORK/summary-raw.wav" "$WORK/summary.wav" norm -1 pad 0.3 0.5
  ffmpeg -loglevel error -y -i "$WORK/summary.wav" \
    -c:a libmp3lame -b:a 40k -ac 1 -ar 22050 \
    -map_metadata -1 -fflags +bitexact -flags:a +bitexact \
    "$AUDIO_DIR/tom-tat.mp3"
  check_limits "$AUDIO_DIR/tom-tat.mp3" "$AUDIO_MIN_S" "$AUDIO_MAX_S" "$AUDIO_MAX_BYTES"
}

mkdir -p "$VIDEO_DIR" "$AUDIO_DIR"
make_video
make_audio
