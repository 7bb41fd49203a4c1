/*
 * wasi_raw.h: raw wasi_snapshot_preview1 imports for test guests.
 *
 * wasi-libc's __wasi_* wrappers take C pointers and, for paths, call strlen()
 * themselves.  Attack guests need to hand the host arbitrary 32-bit addresses,
 * explicit lengths (paths containing NUL bytes) and out-of-range values, so
 * every function is declared here again with plain integer parameters, exactly
 * as the preview1 ABI passes them.  Pointers are i32, 64-bit values are i64,
 * every function returns the errno as i32 (except proc_exit).
 *
 * Use P(x) to turn a C pointer into an address argument.
 */
#ifndef WASI_RAW_H
#define WASI_RAW_H

#include <stdint.h>

#define RAW_IMPORT(name) \
    __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))

/* C pointer -> guest address argument. */
#define P(x) ((int32_t)(uintptr_t)(x))

int32_t raw_args_get(int32_t argv, int32_t argv_buf) RAW_IMPORT(args_get);
int32_t raw_args_sizes_get(int32_t argc_out, int32_t bufsize_out) RAW_IMPORT(args_sizes_get);
int32_t raw_environ_get(int32_t environ, int32_t environ_buf) RAW_IMPORT(environ_get);
int32_t raw_environ_sizes_get(int32_t count_out, int32_t bufsize_out) RAW_IMPORT(environ_sizes_get);

int32_t raw_clock_res_get(int32_t id, int32_t res_out) RAW_IMPORT(clock_res_get);
int32_t raw_clock_time_get(int32_t id, int64_t precision, int32_t time_out) RAW_IMPORT(clock_time_get);

int32_t raw_fd_advise(int32_t fd, int64_t offset, int64_t len, int32_t advice) RAW_IMPORT(fd_advise);
int32_t raw_fd_allocate(int32_t fd, int64_t offset, int64_t len) RAW_IMPORT(fd_allocate);
int32_t raw_fd_close(int32_t fd) RAW_IMPORT(fd_close);
int32_t raw_fd_datasync(int32_t fd) RAW_IMPORT(fd_datasync);
int32_t raw_fd_fdstat_get(int32_t fd, int32_t out) RAW_IMPORT(fd_fdstat_get);
int32_t raw_fd_fdstat_set_flags(int32_t fd, int32_t flags) RAW_IMPORT(fd_fdstat_set_flags);
int32_t raw_fd_fdstat_set_rights(int32_t fd, int64_t base, int64_t inheriting) RAW_IMPORT(fd_fdstat_set_rights);
int32_t raw_fd_filestat_get(int32_t fd, int32_t out) RAW_IMPORT(fd_filestat_get);
int32_t raw_fd_filestat_set_size(int32_t fd, int64_t size) RAW_IMPORT(fd_filestat_set_size);
int32_t raw_fd_filestat_set_times(int32_t fd, int64_t atim, int64_t mtim, int32_t fstflags) RAW_IMPORT(fd_filestat_set_times);
int32_t raw_fd_pread(int32_t fd, int32_t iovs, int32_t iovs_len, int64_t offset, int32_t nread_out) RAW_IMPORT(fd_pread);
int32_t raw_fd_prestat_get(int32_t fd, int32_t out) RAW_IMPORT(fd_prestat_get);
int32_t raw_fd_prestat_dir_name(int32_t fd, int32_t buf, int32_t buf_len) RAW_IMPORT(fd_prestat_dir_name);
int32_t raw_fd_pwrite(int32_t fd, int32_t iovs, int32_t iovs_len, int64_t offset, int32_t nwritten_out) RAW_IMPORT(fd_pwrite);
int32_t raw_fd_read(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nread_out) RAW_IMPORT(fd_read);
int32_t raw_fd_readdir(int32_t fd, int32_t buf, int32_t buf_len, int64_t cookie, int32_t bufused_out) RAW_IMPORT(fd_readdir);
int32_t raw_fd_renumber(int32_t fd, int32_t to) RAW_IMPORT(fd_renumber);
int32_t raw_fd_seek(int32_t fd, int64_t offset, int32_t whence, int32_t newoffset_out) RAW_IMPORT(fd_seek);
int32_t raw_fd_sync(int32_t fd) RAW_IMPORT(fd_sync);
int32_t raw_fd_tell(int32_t fd, int32_t offset_out) RAW_IMPORT(fd_tell);
int32_t raw_fd_write(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nwritten_out) RAW_IMPORT(fd_write);

int32_t raw_path_create_directory(int32_t fd, int32_t path, int32_t path_len) RAW_IMPORT(path_create_directory);
int32_t raw_path_filestat_get(int32_t fd, int32_t flags, int32_t path, int32_t path_len, int32_t out) RAW_IMPORT(path_filestat_get);
int32_t raw_path_filestat_set_times(int32_t fd, int32_t flags, int32_t path, int32_t path_len,
                                    int64_t atim, int64_t mtim, int32_t fstflags) RAW_IMPORT(path_filestat_set_times);
int32_t raw_path_link(int32_t old_fd, int32_t old_flags, int32_t old_path, int32_t old_len,
                      int32_t new_fd, int32_t new_path, int32_t new_len) RAW_IMPORT(path_link);
int32_t raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t path_len, int32_t oflags,
                      int64_t rights_base, int64_t rights_inheriting, int32_t fdflags, int32_t fd_out) RAW_IMPORT(path_open);
int32_t raw_path_readlink(int32_t fd, int32_t path, int32_t path_len, int32_t buf, int32_t buf_len,
                          int32_t bufused_out) RAW_IMPORT(path_readlink);
int32_t raw_path_remove_directory(int32_t fd, int32_t path, int32_t path_len) RAW_IMPORT(path_remove_directory);
int32_t raw_path_rename(int32_t fd, int32_t old_path, int32_t old_len, int32_t new_fd, int32_t new_path,
                        int32_t new_len) RAW_IMPORT(path_rename);
int32_t raw_path_symlink(int32_t old_path, int32_t old_len, int32_t fd, int32_t new_path, int32_t new_len) RAW_IMPORT(path_symlink);
int32_t raw_path_unlink_file(int32_t fd, int32_t path, int32_t path_len) RAW_IMPORT(path_unlink_file);

int32_t raw_poll_oneoff(int32_t in, int32_t out, int32_t nsubscriptions, int32_t nevents_out) RAW_IMPORT(poll_oneoff);
_Noreturn void raw_proc_exit(int32_t code) RAW_IMPORT(proc_exit);
/* proc_raise is gone from newer wasi-libc headers but is still a preview1 import. */
int32_t raw_proc_raise(int32_t sig) RAW_IMPORT(proc_raise);
int32_t raw_sched_yield(void) RAW_IMPORT(sched_yield);
int32_t raw_random_get(int32_t buf, int32_t buf_len) RAW_IMPORT(random_get);

int32_t raw_sock_accept(int32_t fd, int32_t flags, int32_t fd_out) RAW_IMPORT(sock_accept);
int32_t raw_sock_recv(int32_t fd, int32_t ri_data, int32_t ri_data_len, int32_t ri_flags,
                      int32_t ro_datalen_out, int32_t ro_flags_out) RAW_IMPORT(sock_recv);
int32_t raw_sock_send(int32_t fd, int32_t si_data, int32_t si_data_len, int32_t si_flags,
                      int32_t so_datalen_out) RAW_IMPORT(sock_send);
int32_t raw_sock_shutdown(int32_t fd, int32_t how) RAW_IMPORT(sock_shutdown);

/* Size of linear memory in bytes, as a 64-bit value (can be exactly 4 GiB). */
static inline uint64_t raw_memory_bytes(void) {
    return (uint64_t)__builtin_wasm_memory_size(0) * 65536u;
}

#endif
