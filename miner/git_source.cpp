#include "miner/git_source.hpp"

#include <git2.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <future>
#include <thread>
#include <memory>
#include <random>

#include "core/error.hpp"
#include "core/fs.hpp"

namespace kq::miner {
namespace fs = std::filesystem;
namespace {

void init_libgit2() {
  static const int once = git_libgit2_init();
  (void)once;
}

std::string last_git_error() {
  const git_error* e = git_error_last();
  return e && e->message ? e->message : "unknown libgit2 error";
}

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using RepoPtr = std::unique_ptr<git_repository, Deleter<git_repository, git_repository_free>>;
using RemotePtr = std::unique_ptr<git_remote, Deleter<git_remote, git_remote_free>>;
using ObjectPtr = std::unique_ptr<git_object, Deleter<git_object, git_object_free>>;
using TreePtr = std::unique_ptr<git_tree, Deleter<git_tree, git_tree_free>>;
using BlobPtr = std::unique_ptr<git_blob, Deleter<git_blob, git_blob_free>>;
using ReferencePtr = std::unique_ptr<git_reference, Deleter<git_reference, git_reference_free>>;

std::string oid_hex(const git_oid* oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, oid);
  return buf;
}

RepoPtr open_repo(const fs::path& path) {
  git_repository* r = nullptr;
  if (git_repository_open_ext(&r, path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) != 0)
    throw Error("'" + path.string() + "' is not a git repository: " + last_git_error());
  return RepoPtr(r);
}

// A bare repository for the cache: reused when it opens, made afresh when it
// is missing or was left broken by an interrupted clone.
RepoPtr open_or_init_bare(const fs::path& git_dir) {
  git_repository* r = nullptr;
  if (fs::exists(git_dir) && git_repository_open_bare(&r, git_dir.c_str()) == 0) return RepoPtr(r);
  std::error_code ec;
  fs::remove_all(git_dir, ec);
  fs::create_directories(git_dir.parent_path());
  if (git_repository_init(&r, git_dir.c_str(), /*is_bare=*/1) != 0)
    throw Error("cannot create cache repository '" + git_dir.string() + "': " + last_git_error());
  return RepoPtr(r);
}

RemotePtr origin_remote(git_repository* repo, const std::string& url) {
  git_remote* remote = nullptr;
  if (git_remote_lookup(&remote, repo, "origin") == 0) {
    if (std::string(git_remote_url(remote)) == url) return RemotePtr(remote);
    git_remote_free(remote);
    git_remote_set_url(repo, "origin", url.c_str());
  } else {
    // Branches land under refs/heads, as in a mirror, so a ref resolves the
    // same way here as in the original repository.
    if (git_remote_create_with_fetchspec(&remote, repo, "origin", url.c_str(), "+refs/heads/*:refs/heads/*") != 0)
      throw Error("cannot add remote '" + url + "': " + last_git_error());
    git_remote_free(remote);
    git_remote_add_fetch(repo, "origin", "+refs/tags/*:refs/tags/*");
  }
  if (git_remote_lookup(&remote, repo, "origin") != 0) throw Error("remote lookup failed: " + last_git_error());
  return RemotePtr(remote);
}

struct FetchState {
  std::chrono::steady_clock::time_point deadline;
  bool timed_out = false;
  bool wanted_credentials = false;
};

bool past_deadline(FetchState* s) {
  if (std::chrono::steady_clock::now() < s->deadline) return false;
  s->timed_out = true;
  return true;
}

// Never prompt and never use ambient credentials: a repository that needs them fails at once.
int refuse_credentials(git_credential**, const char*, const char*, unsigned int, void* payload) {
  static_cast<FetchState*>(payload)->wanted_credentials = true;
  git_error_set_str(GIT_ERROR_NET, "the server asks for credentials, and kquarry uses none");
  return GIT_EUSER;
}

int on_transfer(const git_indexer_progress*, void* payload) {
  return past_deadline(static_cast<FetchState*>(payload)) ? -1 : 0;
}

int on_sideband(const char*, int, void* payload) {
  return past_deadline(static_cast<FetchState*>(payload)) ? -1 : 0;
}

std::string fetch_failure(const std::string& url, const FetchState& state, int timeout_s) {
  if (state.timed_out) return "fetch of '" + url + "' took longer than " + std::to_string(timeout_s) + " s (miner.timeout_s)";
  if (state.wanted_credentials)
    return "'" + url + "' needs credentials (kquarry does not use any; use a public URL or a local path)";
  return "cannot fetch '" + url + "': " + last_git_error();
}

// The remote's HEAD as advertised: its commit and the branch it points to.
PinnedCommit remote_head(git_remote* remote, const std::string& url) {
  const git_remote_head** heads = nullptr;
  std::size_t n = 0;
  if (git_remote_ls(&heads, &n, remote) != 0) throw Error("cannot list refs of '" + url + "': " + last_git_error());
  for (std::size_t i = 0; i < n; ++i) {
    if (std::string_view(heads[i]->name) != "HEAD") continue;
    std::string branch = heads[i]->symref_target ? heads[i]->symref_target : "HEAD";
    if (branch.starts_with("refs/heads/")) branch = branch.substr(11);
    return {oid_hex(&heads[i]->oid), branch};
  }
  throw Error("'" + url + "' has no default branch (empty repository?)");
}

std::string peel_to_commit(git_repository* repo, const std::string& ref, const std::string& where) {
  git_object* obj = nullptr;
  if (git_revparse_single(&obj, repo, ref.c_str()) != 0)
    throw Error("ref '" + ref + "' not found in " + where);
  ObjectPtr holder(obj);
  git_object* commit = nullptr;
  if (git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) != 0)
    throw Error("ref '" + ref + "' in " + where + " does not name a commit");
  ObjectPtr commit_holder(commit);
  return oid_hex(git_object_id(commit));
}

struct ExportState {
  git_repository* repo;
  fs::path dest;
  std::vector<std::string> missing;
  std::string error;
};

bool safe_component(std::string_view name) {
  return !name.empty() && name != "." && name != ".." && name != ".git" && name.find('/') == std::string_view::npos;
}

int export_entry(const char* root, const git_tree_entry* entry, void* payload) {
  auto* st = static_cast<ExportState*>(payload);
  std::string name = git_tree_entry_name(entry);
  if (!safe_component(name)) return 1;  // skip this entry (and a tree's contents)
  fs::path out = st->dest / root / name;
  auto mode = git_tree_entry_filemode(entry);
  try {
    if (mode == GIT_FILEMODE_TREE) {
      fs::create_directories(out);
      return 0;
    }
    if (mode == GIT_FILEMODE_COMMIT) {  // a submodule: its files are not part of this repository
      fs::create_directories(out);
      return 0;
    }
    git_blob* blob = nullptr;
    if (git_blob_lookup(&blob, st->repo, git_tree_entry_id(entry)) != 0) {
      st->missing.push_back(std::string(root) + name);
      return 0;
    }
    BlobPtr holder(blob);
    std::string_view data(static_cast<const char*>(git_blob_rawcontent(blob)),
                          static_cast<std::size_t>(git_blob_rawsize(blob)));
    if (mode == GIT_FILEMODE_LINK) {
      fs::create_symlink(std::string(data), out);
      return 0;
    }
    std::ofstream f(out, std::ios::binary);
    f.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!f) throw Error("write failed");
    if (mode == GIT_FILEMODE_BLOB_EXECUTABLE)
      fs::permissions(out, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                      fs::perm_options::add);
  } catch (const std::exception& e) {
    st->error = "cannot write '" + out.string() + "': " + e.what();
    return -1;
  }
  return 0;
}

}  // namespace

std::string recorded_remote_url(const fs::path& path) {
  init_libgit2();
  git_repository* r = nullptr;
  if (git_repository_open_ext(&r, path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) != 0) return {};
  RepoPtr repo(r);
  git_remote* remote = nullptr;
  if (git_remote_lookup(&remote, repo.get(), "origin") != 0) {
    // A mirror made with another remote name: the first remote that has a URL.
    git_strarray names{};
    if (git_remote_list(&names, repo.get()) != 0) return {};
    for (size_t i = 0; i < names.count && !remote; ++i)
      if (git_remote_lookup(&remote, repo.get(), names.strings[i]) != 0) remote = nullptr;
    git_strarray_dispose(&names);
    if (!remote) return {};
  }
  RemotePtr owned(remote);
  const char* url = git_remote_url(owned.get());
  return url ? url : "";
}

bool is_git_repository(const fs::path& path) {
  init_libgit2();
  git_repository* r = nullptr;
  if (git_repository_open_ext(&r, path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) != 0) return false;
  git_repository_free(r);
  return true;
}

namespace {

PinnedCommit fetch_remote_blocking(const std::string& url, const std::string& ref, const fs::path& git_dir,
                                   int timeout_s) {
  auto repo = open_or_init_bare(git_dir);
  auto remote = origin_remote(repo.get(), url);
  FetchState state{std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s)};
  git_fetch_options fo = GIT_FETCH_OPTIONS_INIT;
  fo.callbacks.credentials = refuse_credentials;
  fo.callbacks.transfer_progress = on_transfer;
  fo.callbacks.sideband_progress = on_sideband;
  fo.callbacks.payload = &state;
  fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_ALL;
  fo.prune = GIT_FETCH_PRUNE;
  fo.update_fetchhead = 0;
  if (git_remote_fetch(remote.get(), nullptr, &fo, "kquarry fetch") != 0)
    throw Error(fetch_failure(url, state, timeout_s));
  auto head = remote_head(remote.get(), url);
  if (head.ref != "HEAD") git_repository_set_head(repo.get(), ("refs/heads/" + head.ref).c_str());
  if (ref.empty()) return head;
  return {peel_to_commit(repo.get(), ref, "'" + url + "'"), ref};
}

}  // namespace

// libgit2 1.5 has no socket timeouts: a server that accepts a connection and
// then says nothing blocks the fetch before any progress callback runs. The
// fetch therefore runs on its own thread; past the limit (plus a grace for the
// callbacks' own abort) it is abandoned and the repository reported as timed out.
PinnedCommit fetch_remote(const std::string& url, const std::string& ref, const fs::path& git_dir, int timeout_s) {
  init_libgit2();
  auto task = std::make_shared<std::packaged_task<PinnedCommit()>>(
      [url, ref, git_dir, timeout_s] { return fetch_remote_blocking(url, ref, git_dir, timeout_s); });
  auto result = task->get_future();
  std::thread([task] { (*task)(); }).detach();
  if (result.wait_for(std::chrono::seconds(timeout_s) + std::chrono::seconds(5)) == std::future_status::timeout)
    throw Error("fetch of '" + url + "' got no answer within " + std::to_string(timeout_s) +
                " s (miner.timeout_s); abandoned");
  return result.get();
}

PinnedCommit resolve_local(const fs::path& path, const std::string& ref) {
  init_libgit2();
  auto repo = open_repo(path);
  // Built piecewise: g++ 12 warns falsely (-Wrestrict) on "'" + string + "'" here.
  std::string where = path.string();
  where.insert(0, 1, '\'').push_back('\'');
  if (!ref.empty()) return {peel_to_commit(repo.get(), ref, where), ref};
  git_reference* head = nullptr;
  std::string name = "HEAD";
  if (git_repository_head(&head, repo.get()) == 0) {
    ReferencePtr holder(head);
    if (git_reference_is_branch(head)) name = git_reference_shorthand(head);
  } else {
    throw Error(where + " has no commit at HEAD: " + last_git_error());
  }
  return {peel_to_commit(repo.get(), "HEAD", where), name};
}

static fs::path missing_list_path(const fs::path& dest) {
  auto p = dest;
  p += ".missing";
  return p;
}

std::vector<std::string> read_missing_list(const fs::path& dest) {
  std::vector<std::string> out;
  std::ifstream in(missing_list_path(dest));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

std::vector<std::string> export_commit(const fs::path& repo_path, const std::string& sha, const fs::path& dest) {
  init_libgit2();
  auto repo = open_repo(repo_path);
  git_oid oid;
  if (git_oid_fromstr(&oid, sha.c_str()) != 0) throw Error("'" + sha + "' is not a commit id");
  git_object* obj = nullptr;
  if (git_object_lookup(&obj, repo.get(), &oid, GIT_OBJECT_COMMIT) != 0)
    throw Error("commit " + sha + " not found in '" + repo_path.string() + "': " + last_git_error());
  ObjectPtr commit(obj);
  git_tree* tree = nullptr;
  if (git_commit_tree(&tree, reinterpret_cast<git_commit*>(obj)) != 0)
    throw Error("cannot read the tree of " + sha + ": " + last_git_error());
  TreePtr tree_holder(tree);

  std::mt19937_64 rng(std::random_device{}());
  fs::path tmp = dest;
  tmp += ".tmp-" + std::to_string(getpid()) + "-" + std::to_string(rng() % 1000000);
  fs::create_directories(tmp);
  ExportState st{repo.get(), tmp, {}, {}};
  int rc = git_tree_walk(tree, GIT_TREEWALK_PRE, export_entry, &st);
  std::error_code ec;
  if (rc != 0) {
    fs::remove_all(tmp, ec);
    throw Error(!st.error.empty() ? st.error : "cannot read the tree of " + sha + ": " + last_git_error());
  }
  if (!st.missing.empty()) {
    std::string list;
    for (const auto& m : st.missing) list += m + "\n";
    write_file_atomic(missing_list_path(dest), list);
  }
  fs::rename(tmp, dest, ec);
  if (ec) {
    fs::remove_all(tmp, ec);  // another worker finished the same export first
    if (!fs::exists(dest)) throw Error("cannot move export into '" + dest.string() + "'");
  }
  return st.missing;
}

}  // namespace kq::miner
