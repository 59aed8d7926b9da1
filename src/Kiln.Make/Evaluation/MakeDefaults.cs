using Kiln.Make.Variables;

namespace Kiln.Make.Evaluation;

/// <summary>
/// The variables GNU make 4.3 defines before reading makefiles (as `make -p -f /dev/null` lists
/// them on Debian's build), with their flavours.
/// </summary>
internal static class MakeDefaults
{
    /// <summary>Variables make defines itself; the rest of <see cref="Variables"/> belong to the built-in rules (make -R drops them).</summary>
    public static readonly HashSet<string> MakeOwn =
        [".FEATURES", ".LOADED", ".SHELLFLAGS", "MAKEFILES", "MAKE_HOST", "MAKE_VERSION", "SHELL", "SUFFIXES"];

    public static string Value(string name) => Variables.First(v => v.Name == name).Value;

    /// <summary>Built-in rule variables and make's own informational variables (origin default).</summary>
    public static readonly (string Name, string Value, bool Recursive)[] Variables =
    [
        (".FEATURES",
            "target-specific order-only second-expansion else-if shortest-stem undefine oneshell nocomment grouped-target extra-prereqs archives " +
            "jobserver output-sync check-symlink load", false),
        (".LIBPATTERNS", "lib%.so lib%.a", true),
        (".LOADED", "", false),
        (".SHELLFLAGS", "-c", false),
        ("AR", "ar", true),
        ("ARFLAGS", "rv", true),
        ("AS", "as", true),
        ("CC", "cc", true),
        ("CHECKOUT,v", "+$(if $(wildcard $@),,$(CO) $(COFLAGS) $< $@)", true),
        ("CO", "co", true),
        ("COFLAGS", "", true),
        ("COMPILE.C", "$(COMPILE.cc)", true),
        ("COMPILE.F", "$(FC) $(FFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -c", true),
        ("COMPILE.S", "$(CC) $(ASFLAGS) $(CPPFLAGS) $(TARGET_MACH) -c", true),
        ("COMPILE.c", "$(CC) $(CFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -c", true),
        ("COMPILE.cc", "$(CXX) $(CXXFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -c", true),
        ("COMPILE.cpp", "$(COMPILE.cc)", true),
        ("COMPILE.def", "$(M2C) $(M2FLAGS) $(DEFFLAGS) $(TARGET_ARCH)", true),
        ("COMPILE.f", "$(FC) $(FFLAGS) $(TARGET_ARCH) -c", true),
        ("COMPILE.m", "$(OBJC) $(OBJCFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -c", true),
        ("COMPILE.mod", "$(M2C) $(M2FLAGS) $(MODFLAGS) $(TARGET_ARCH)", true),
        ("COMPILE.p", "$(PC) $(PFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -c", true),
        ("COMPILE.r", "$(FC) $(FFLAGS) $(RFLAGS) $(TARGET_ARCH) -c", true),
        ("COMPILE.s", "$(AS) $(ASFLAGS) $(TARGET_MACH)", true),
        ("CPP", "$(CC) -E", true),
        ("CTANGLE", "ctangle", true),
        ("CWEAVE", "cweave", true),
        ("CXX", "g++", true),
        ("F77", "$(FC)", true),
        ("F77FLAGS", "$(FFLAGS)", true),
        ("FC", "f77", true),
        ("GET", "get", true),
        ("LD", "ld", true),
        ("LEX", "lex", true),
        ("LEX.l", "$(LEX) $(LFLAGS) -t", true),
        ("LEX.m", "$(LEX) $(LFLAGS) -t", true),
        ("LINK.C", "$(LINK.cc)", true),
        ("LINK.F", "$(FC) $(FFLAGS) $(CPPFLAGS) $(LDFLAGS) $(TARGET_ARCH)", true),
        ("LINK.S", "$(CC) $(ASFLAGS) $(CPPFLAGS) $(LDFLAGS) $(TARGET_MACH)", true),
        ("LINK.c", "$(CC) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) $(TARGET_ARCH)", true),
        ("LINK.cc", "$(CXX) $(CXXFLAGS) $(CPPFLAGS) $(LDFLAGS) $(TARGET_ARCH)", true),
        ("LINK.cpp", "$(LINK.cc)", true),
        ("LINK.f", "$(FC) $(FFLAGS) $(LDFLAGS) $(TARGET_ARCH)", true),
        ("LINK.m", "$(OBJC) $(OBJCFLAGS) $(CPPFLAGS) $(LDFLAGS) $(TARGET_ARCH)", true),
        ("LINK.o", "$(CC) $(LDFLAGS) $(TARGET_ARCH)", true),
        ("LINK.p", "$(PC) $(PFLAGS) $(CPPFLAGS) $(LDFLAGS) $(TARGET_ARCH)", true),
        ("LINK.r", "$(FC) $(FFLAGS) $(RFLAGS) $(LDFLAGS) $(TARGET_ARCH)", true),
        ("LINK.s", "$(CC) $(ASFLAGS) $(LDFLAGS) $(TARGET_MACH)", true),
        ("LINT", "lint", true),
        ("LINT.c", "$(LINT) $(LINTFLAGS) $(CPPFLAGS) $(TARGET_ARCH)", true),
        ("M2C", "m2c", true),
        ("MAKEFILES", "", false),
        ("MAKEINFO", "makeinfo", true),
        ("MAKE_HOST", "x86_64-pc-linux-gnu", false),
        ("MAKE_VERSION", "4.3", false),
        ("OBJC", "cc", true),
        ("OUTPUT_OPTION", "-o $@", true),
        ("PC", "pc", true),
        ("PREPROCESS.F", "$(FC) $(FFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -F", true),
        ("PREPROCESS.S", "$(CC) -E $(CPPFLAGS)", true),
        ("PREPROCESS.r", "$(FC) $(FFLAGS) $(RFLAGS) $(TARGET_ARCH) -F", true),
        ("RM", "rm -f", true),
        ("SHELL", "/bin/sh", false),
        ("SUFFIXES",
            ".out .a .ln .o .c .cc .C .cpp .p .f .F .m .r .y .l .ym .yl .s .S .mod .sym .def .h .info .dvi .tex .texinfo .texi .txinfo .w .ch .web " +
            ".sh .elc .el", false),
        ("TANGLE", "tangle", true),
        ("TEX", "tex", true),
        ("TEXI2DVI", "texi2dvi", true),
        ("WEAVE", "weave", true),
        ("YACC", "yacc", true),
        ("YACC.m", "$(YACC) $(YFLAGS)", true),
        ("YACC.y", "$(YACC) $(YFLAGS)", true),
    ];

    /// <summary>The D and F variants of automatic variables (origin automatic).</summary>
    public static readonly (string Name, string Value)[] Automatic =
    [
        ("%D", "$(patsubst %/,%,$(dir $%))"),
        ("%F", "$(notdir $%)"),
        ("*D", "$(patsubst %/,%,$(dir $*))"),
        ("*F", "$(notdir $*)"),
        ("+D", "$(patsubst %/,%,$(dir $+))"),
        ("+F", "$(notdir $+)"),
        ("<D", "$(patsubst %/,%,$(dir $<))"),
        ("<F", "$(notdir $<)"),
        ("?D", "$(patsubst %/,%,$(dir $?))"),
        ("?F", "$(notdir $?)"),
        ("@D", "$(patsubst %/,%,$(dir $@))"),
        ("@F", "$(notdir $@)"),
        ("^D", "$(patsubst %/,%,$(dir $^))"),
        ("^F", "$(notdir $^)"),
    ];
}
