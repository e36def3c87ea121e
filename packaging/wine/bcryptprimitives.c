/*
 * A stand-in for Windows' bcryptprimitives.dll, for the Wine smoke test ONLY: it is
 * built into the test's Wine prefix and never shipped.
 *
 * Every Go program since Go 1.22 loads bcryptprimitives.dll at start for ProcessPrng,
 * its source of random numbers. Windows 10 and 11 have it; Debian's Wine 8.0 does not,
 * and the program dies with "bcryptprimitives.dll not found". This one export fills the
 * buffer from RtlGenRandom (advapi32's SystemFunction036), which Wine has.
 */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!RtlGenRandom(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
