using Kiln.Make.Inputs;

namespace Kiln.Make.Tests.Unit;

/// <summary>Only commands that run a compiler on what they themselves provide are compiler probes; anything that reads another input is not.</summary>
public sealed class CompilerProbeTests
{
    private const string Year2038 =
        " mkdir -p /t/tmp; printf '%s\\n' '# include <time.h>' 'int verify[((((time_t) 1 << 30) - 1 + 3 * ((time_t) 1 << 30)) / 65537 == 65535) ? 1 : -1];' 'int main (void) {return 0;}' > /t/tmp/year2038.$$.c; /t/staging_dir/host/bin/gcc /t/tmp/year2038.$$.c -o /dev/null 2>/dev/null && echo y; rm -f /t/tmp/year2038.$$.c; ";

    private const string OpenWrtYear2038 =
        "mkdir -p /t/tmp; echo '# include <time.h>' > /t/tmp/year2038.c; echo '# define LARGE_TIME_T ((time_t) (((time_t) 1 << 30) - 1 + 3 * ((time_t) 1 << 30)))' >> /t/tmp/year2038.c; echo 'int verify_time_t_range[(LARGE_TIME_T / 65537 == 65535 && LARGE_TIME_T % 65537 == 0) ? 1 : -1];' >> /t/tmp/year2038.c; echo 'int main (void) {return 0;}' >> /t/tmp/year2038.c; gcc /t/tmp/year2038.c -o /dev/null 2>/dev/null && echo y && rm -f /t/tmp/year2038.c || rm -f /t/tmp/year2038.c;";

    [Theory]
    [InlineData("gcc -dM -E - </dev/null | grep -q \"__LP64__\" && echo 64 || echo 32", "gcc")]
    [InlineData("mips-openwrt-linux-musl-gcc -dM -E - < /dev/null | grep -q \"__LP64__\" && echo 64 || echo 32", "mips-openwrt-linux-musl-gcc")]
    [InlineData("/x/staging_dir/toolchain-mips_24kc_gcc-12.3.0_musl/bin/mips-openwrt-linux-musl-gcc -dM -E - </dev/null | grep -q \"__LP64__\" && echo 64 || echo 32",
        "/x/staging_dir/toolchain-mips_24kc_gcc-12.3.0_musl/bin/mips-openwrt-linux-musl-gcc")]
    [InlineData(Year2038, "/t/staging_dir/host/bin/gcc")]
    [InlineData(OpenWrtYear2038, "gcc")]
    [InlineData("mips-openwrt-linux-musl-gcc -print-file-name=include", "mips-openwrt-linux-musl-gcc")]
    [InlineData("gcc -dumpmachine", "gcc")]
    [InlineData("gcc -dumpversion", "gcc")]
    [InlineData("gcc-12 -dumpversion; clang -dumpversion; gcc-12 -dumpmachine", "gcc-12|clang")]
    [InlineData("echo 'int x;' | x86_64-linux-gnu-gcc-12 -x c -c - -o /dev/null 2>&1 | grep -c error", "x86_64-linux-gnu-gcc-12")]
    [InlineData("cpp -dM </dev/null | cut -d' ' -f2 | tr a-z A-Z", "cpp")]
    public void ACompilerRunOnTheCommandsOwnInputIsAProbe(string command, string compilers) =>
        Assert.Equal(compilers.Split('|'), CompilerProbe.Compilers(command));

    [Theory]
    [InlineData("gcc foo.c -o /dev/null")]
    [InlineData("gcc -include x.h -E - </dev/null")]
    [InlineData("gcc -imacros x.h -E - </dev/null")]
    [InlineData("gcc -specs=x.specs -E - </dev/null")]
    [InlineData("gcc -I include -E - </dev/null")]
    [InlineData("gcc @options -E - </dev/null")]
    [InlineData("gcc $CFLAGS -E -")]
    [InlineData("gcc \"$CFLAGS\" -E - </dev/null")]
    [InlineData("cat x | gcc -E -")]
    [InlineData("gcc -E - < input.h")]
    [InlineData("gcc -E -")]
    [InlineData("cpp -dM")]
    [InlineData("gcc -o out - </dev/null")]
    [InlineData("gcc -oout - </dev/null")]
    [InlineData("echo $(id) | gcc -E -")]
    [InlineData("echo `id` | gcc -E -")]
    [InlineData("echo $$ | gcc -E -")]
    [InlineData("echo '#include <zlib.h>' | gcc -E -")]
    [InlineData("echo '#include \"local.h\"' | gcc -E -")]
    [InlineData("echo 'int main(){}' | gcc -x c - -lz -o /dev/null")]
    [InlineData("echo 'int main(){}' | gcc -x c - -Wl,-T,script.ld -o /dev/null")]
    [InlineData("gcc -march=native -dM -E - </dev/null")]
    [InlineData("echo x >> old.c; gcc old.c -o /dev/null")]
    [InlineData("true && echo x > f.c; gcc f.c -o /dev/null")]
    [InlineData("gcc -E /etc/passwd")]
    [InlineData("gcc -E * </dev/null")]
    [InlineData("(gcc -dumpmachine)")]
    [InlineData("gcc -dumpmachine > out")]
    [InlineData("gcc -dumpmachine & echo y")]
    [InlineData("gcc -dumpmachine; rm -f important")]
    [InlineData("gcc -dumpmachine; cat /etc/os-release")]
    [InlineData("grep -q x; gcc -dumpmachine")]
    [InlineData("gcc -dM -E - </dev/null | grep -f patterns")]
    [InlineData("gcc -dM -E - </dev/null | grep -q x file")]
    [InlineData("CC=gcc gcc -dumpmachine")]
    [InlineData("ccache gcc -dumpmachine")]
    [InlineData("echo 64 || echo 32")]
    [InlineData("gcc -dumpmachine &&")]
    [InlineData("gcc -dumpmachine # comment")]
    [InlineData("gccgo -dumpmachine")]
    public void AnythingThatReadsAnotherInputIsNot(string command) => Assert.Null(CompilerProbe.Compilers(command));
}
