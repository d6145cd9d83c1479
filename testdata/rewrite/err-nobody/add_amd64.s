#include "textflag.h"

// func Add(a, b int64) int64
TEXT ·Add(SB), NOSPLIT, $0-24
	MOVQ a+0(FP), AX
	ADDQ b+8(FP), AX
	MOVQ AX, ret+16(FP)
	RET

// func Sum(ctx context.Context, a, b int64) int64
TEXT ·Sum(SB), NOSPLIT, $0-40
	MOVQ a+16(FP), AX
	ADDQ b+24(FP), AX
	MOVQ AX, ret+32(FP)
	RET
