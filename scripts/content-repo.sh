#!/bin/sh
# Creates the bare content repository STATE/content.git from the files of
# CONTENT_DIR when it does not exist yet, and installs its post-receive hook,
# which rebuilds the site after every push.
# usage: content-repo.sh ROOT STATE CONTENT_DIR SITE
set -eu
root=$1
state=$2
content=$3
site=$4
repo=$state/content.git

if [ ! -d "$repo" ]; then
	git init -q --bare --initial-branch=main "$repo"
	index=$(mktemp)
	rm -f "$index"
	GIT_DIR=$repo GIT_WORK_TREE=$content GIT_INDEX_FILE=$index git add -A .
	GIT_DIR=$repo GIT_WORK_TREE=$content GIT_INDEX_FILE=$index \
		git -c user.name="Khoa" -c user.email="khoa@localhost" \
		commit -q -m "Import the sample course content"
	rm -f "$index"
	echo "Đã tạo kho nội dung $repo từ $content (created the content repository)"
fi

cat > "$repo/hooks/post-receive" <<HOOK
#!/bin/sh
# Rebuilds the site from the pushed HEAD; written by scripts/content-repo.sh.
exec "$root/build/khoa" build --repo "$repo" --out "$site" --theme "$root/theme" --state "$state"
HOOK
chmod +x "$repo/hooks/post-receive"
