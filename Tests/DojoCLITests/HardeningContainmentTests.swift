import DojoKit
import DojoTesting
import Foundation
import Testing

/// The escapes of issue 11 (items 1, 2, 4, 5 and 9), each through the real `dojo exec` path: the
/// attack is step 1, an ordinary script step 2; the attack must fail and step 2 must work.
extension ContainmentTests {
    /// Step 2 after a survivor attempt: a heartbeat that still changes means a process of step 1 runs on.
    static let heartbeatCheck = """
    import os, time
    def beat():
        try:
            return open("working/heartbeat").read()
        except OSError:
            return ""
    first = beat()
    time.sleep(1.0)
    print("NEXT-OK", os.path.getsize("input/train.csv"), "ALIVE" if beat() != first else "STILL", repr(first))
    """

    /// Item 1: a grandchild whose thread-group leader leaves with SYS_exit while a worker thread runs on
    /// (a `Z` in /proc/PID/stat) is ended with the step.
    @Test func aThreadWhoseLeaderExitedDoesNotOutliveTheStep() throws {
        let run = try attack("""
        import ctypes, os, platform, threading, time
        SYS_exit = 60 if platform.machine() == "x86_64" else 93
        libc = ctypes.CDLL(None)
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                def beat():
                    n = 0
                    while True:
                        n += 1
                        with open("working/heartbeat", "w") as f:
                            f.write(str(n))
                        time.sleep(0.05)
                threading.Thread(target=beat).start()
                time.sleep(0.3)
                libc.syscall(SYS_exit, 0)
            os._exit(0)
        time.sleep(1.0)
        print("LEADER GONE, WORKER BEATING", open("working/heartbeat").read() != "")
        """, next: Self.heartbeatCheck)
        #expect(run.stdout(0).contains("WORKER BEATING True"), "\(run.execution(0))")
        #expect(run.stdout(1).contains("STILL"), "a worker thread of step 1 ran on: \(run.stdout(1))")
    }

    /// Item 2 (and 3): a would-be survivor swaps submission.csv with a link to a host-only file with
    /// renameat2(RENAME_EXCHANGE) in a loop; the grader reads a snapshot taken once every process of
    /// the step is gone, so no line of the host file reaches the feedback.
    @Test func aSubmissionSwapperCannotMakeTheGraderReadAHostFile() throws {
        let temp = TemporaryDirectory()
        defer { temp.remove() }
        let secret = "SECRET-\(UUID().uuidString.prefix(8))"
        let host = temp.write("secret.csv", "\(secret),Survived\n1,1\n").path
        let run = try attack("""
        import ctypes, os, platform, threading, time
        SYS_exit = 60 if platform.machine() == "x86_64" else 93
        SYS_renameat2 = 316 if platform.machine() == "x86_64" else 276
        libc = ctypes.CDLL(None, use_errno=True)
        with open("submission/submission.csv", "w") as f:
            f.write("PassengerId,Survived\\n892,0\\n")
        os.symlink("\(host)", "submission/link")
        if os.fork() == 0:
            os.setsid()
            def swap():
                while True:
                    libc.syscall(SYS_renameat2, -100, b"submission/submission.csv", -100, b"submission/link", 2)
            threading.Thread(target=swap).start()
            time.sleep(0.2)
            libc.syscall(SYS_exit, 0)
        time.sleep(0.5)
        print("SWAPPING")
        """, next: Self.nextStep)
        #expect(run.stdout(0).contains("SWAPPING"))
        #expect(!run.rawStdout.contains(secret), "the host file reached the output")
        let submission = run.steps[0]["submission"] as? [String: Any] ?? [:]
        #expect(submission["raw_score"] == nil || submission["raw_score"] is NSNull || submission["valid"] as? Bool == false,
                "\(submission)")
    }

    /// Items 4 and 9: the seccomp filter denies keyrings, ptrace (of the sandbox's pid 1 too), other
    /// processes' memory, BPF, perf, userfaultfd, mounts, namespaces, modules; threads and forks work.
    @Test func theSeccompFilterDeniesTheKernelsAttackSurface() throws {
        let run = try attack("""
        import ctypes, errno, os, platform, subprocess, threading
        x86 = platform.machine() == "x86_64"
        NR = dict(keyctl=(250, 219), add_key=(248, 217), request_key=(249, 218), ptrace=(101, 117),
                  process_vm_readv=(310, 270), process_vm_writev=(311, 271), perf_event_open=(298, 241),
                  bpf=(321, 280), userfaultfd=(323, 282), mount=(165, 40), umount2=(166, 39), pivot_root=(155, 41),
                  unshare=(272, 97), setns=(308, 268), kexec_load=(246, 104), init_module=(175, 105),
                  finit_module=(313, 273), delete_module=(176, 106), open_by_handle_at=(304, 265),
                  swapon=(167, 224), reboot=(169, 142), acct=(163, 89), io_uring_setup=(425, 425))
        libc = ctypes.CDLL(None, use_errno=True)
        args = dict(keyctl=(0, -4, 0), add_key=(b"user", b"dojo-planted", b"x", 1, -4), request_key=(b"user", b"x", None, -4),
                    ptrace=(16, 1, 0, 0), unshare=(0x10000000,), mount=(b"none", b"/tmp", b"tmpfs", 0, None))
        results = {}
        for name, numbers in NR.items():
            ctypes.set_errno(0)
            rc = libc.syscall(numbers[0] if x86 else numbers[1], *args.get(name, (0, 0, 0, 0)))
            results[name] = errno.errorcode.get(ctypes.get_errno(), str(ctypes.get_errno())) if rc == -1 else f"rc={rc}"
        ctypes.set_errno(0)
        rc = libc.syscall(56 if x86 else 220, 0x10000000 | 17, 0, 0, 0, 0)
        results["clone(CLONE_NEWUSER)"] = errno.errorcode.get(ctypes.get_errno()) if rc == -1 else f"rc={rc}"
        print("RESULTS", sorted(results.items()))
        print("NOT EPERM", sorted(k for k, v in results.items() if v != "EPERM"))
        t = threading.Thread(target=lambda: print("THREAD OK")); t.start(); t.join()
        print(subprocess.run(["sh", "-c", "echo FORK OK"], capture_output=True, text=True).stdout.strip())
        """)
        #expect(run.stdout(0).contains("NOT EPERM []"), "\(run.stdout(0))")
        #expect(run.stdout(0).contains("THREAD OK") && run.stdout(0).contains("FORK OK"), "\(run.execution(0))")
    }

    /// Item 5: fallocate, many files, /tmp and /dev/shm all hit the episode's tmpfs with ENOSPC at once.
    @Test func fallocateManyFilesTmpAndShmHitTheDiskLimitAtOnce() throws {
        let run = try attack("""
        import errno, os
        def attempt(name, action):
            try:
                action()
                print(name, "OK")
            except OSError as error:
                print(name, errno.errorcode.get(error.errno, error.errno))
        def fallocate3():
            for i in range(3):
                fd = os.open(f"working/f{i}", os.O_CREAT | os.O_WRONLY)
                try:
                    os.posix_fallocate(fd, 0, 1 << 30)
                finally:
                    os.close(fd)
        def many():
            os.mkdir("working/many")
            for i in range(200_000):
                open(f"working/many/{i}", "w").close()
        def fill(path):
            def run():
                with open(path, "wb") as f:
                    for _ in range(200):
                        f.write(b"x" * (1 << 20))
            return run
        attempt("FALLOCATE", fallocate3)
        attempt("MANYFILES", many)
        import shutil; shutil.rmtree("working/many")
        attempt("TMP", fill("/tmp/big"))
        os.remove("/tmp/big")
        attempt("SHM", fill("/dev/shm/big"))
        os.remove("/dev/shm/big")
        with open("/tmp/kept", "w") as f:
            f.write("kept")
        """, options: ["--disk-mb", "100"], next: """
        import os
        print("NEXT-OK", os.path.getsize("input/train.csv"), "TMP", open("/tmp/kept").read())
        with open("working/after.bin", "wb") as f:
            f.write(b"y" * (10 << 20))
        print("WROTE AFTER")
        """)
        let out = run.stdout(0)
        for line in ["FALLOCATE ENOSPC", "MANYFILES ENOSPC", "TMP ENOSPC", "SHM ENOSPC"] {
            #expect(out.contains(line), "\(line): \(run.execution(0))")
        }
        // /tmp persists across the episode's steps (documented), and the next step can write.
        #expect(run.stdout(1).contains("TMP kept") && run.stdout(1).contains("WROTE AFTER"), "\(run.execution(1))")
        #expect((run.execution(0)["limits"] as? String ?? "").contains("tmpfs of 100 MB"), "\(run.execution(0))")
    }
}
