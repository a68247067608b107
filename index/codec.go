package index

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"os"
	"unsafe"
)

// The files saved beside an index hold large arrays (every token of the
// content) and many strings (every passage). gob reads a value as one
// message it grows as it goes, which at 100,000 passages costs more than
// the rest of opening the index; these files are written instead as
// length-prefixed little-endian arrays, and the strings of one list as one
// block of bytes they are cut from.

// maxSavedLen bounds any length read, so that a damaged file is refused
// rather than allocating without end.
const maxSavedLen = 1 << 31

var errSavedLen = errors.New("length out of range")

// encoder writes arrays; the first error sticks.
type encoder struct {
	w   *bufio.Writer
	err error
	buf [binary.MaxVarintLen64]byte
}

// encodeFile writes what encode writes into f through a buffer, then syncs
// and closes f: a saved file is whole on disk before anyone trusts it.
func encodeFile(f *os.File, encode func(*encoder)) error {
	e := &encoder{w: bufio.NewWriterSize(f, 1<<20)}
	encode(e)
	err := e.err
	if err == nil {
		err = e.w.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func (e *encoder) write(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

func (e *encoder) uint(v uint64) { e.write(binary.AppendUvarint(e.buf[:0], v)) }

func (e *encoder) float(v float64) { e.uint(math.Float64bits(v)) }

func (e *encoder) str(s string) {
	e.uint(uint64(len(s)))
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

// fixed writes n elements of size bytes each, put(i, b) filling element i.
func (e *encoder) fixed(n, size int, put func(i int, b []byte)) {
	e.uint(uint64(n))
	var chunk [4096]byte
	per := len(chunk) / size
	for i := 0; i < n; i += per {
		m := min(per, n-i)
		for k := range m {
			put(i+k, chunk[k*size:(k+1)*size])
		}
		e.write(chunk[:m*size])
	}
}

func (e *encoder) u8s(s []uint8) { e.uint(uint64(len(s))); e.write(s) }
func (e *encoder) u16s(s []uint16) {
	if littleEndian {
		e.uint(uint64(len(s)))
		e.write(rawBytes(s))
		return
	}
	e.fixed(len(s), 2, func(i int, b []byte) { binary.LittleEndian.PutUint16(b, s[i]) })
}
func (e *encoder) u32s(s []uint32) {
	if littleEndian {
		e.uint(uint64(len(s)))
		e.write(rawBytes(s))
		return
	}
	e.fixed(len(s), 4, func(i int, b []byte) { binary.LittleEndian.PutUint32(b, s[i]) })
}
func (e *encoder) i32s(s []int32) {
	if littleEndian {
		e.uint(uint64(len(s)))
		e.write(rawBytes(s))
		return
	}
	e.fixed(len(s), 4, func(i int, b []byte) { binary.LittleEndian.PutUint32(b, uint32(s[i])) })
}
func (e *encoder) f32s(s []float32) {
	e.fixed(len(s), 4, func(i int, b []byte) { binary.LittleEndian.PutUint32(b, math.Float32bits(s[i])) })
}
func (e *encoder) u64s(s []uint64) {
	e.fixed(len(s), 8, func(i int, b []byte) { binary.LittleEndian.PutUint64(b, s[i]) })
}

// strs writes a list of strings as their lengths, then their bytes.
func (e *encoder) strs(s []string) {
	e.fixed(len(s), 4, func(i int, b []byte) { binary.LittleEndian.PutUint32(b, uint32(len(s[i]))) })
	for _, v := range s {
		if e.err == nil {
			_, e.err = e.w.WriteString(v)
		}
	}
}

// decoder reads what encoder wrote; the first error sticks and every
// later read gives zero values.
type decoder struct {
	r   *bufio.Reader
	err error
	// size is the size of what is read: no length read may exceed it.
	size int64
}

// newDecoder reads size bytes from r.
func newDecoder(r io.Reader, size int64) *decoder {
	return &decoder{r: bufio.NewReaderSize(r, 1<<20), size: size}
}

func (d *decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(d.r)
	d.fail(err)
	return v
}

func (d *decoder) float() float64 { return math.Float64frombits(d.uint()) }

func (d *decoder) length() int {
	n := d.uint()
	if n > maxSavedLen || n > uint64(d.size) {
		d.fail(errSavedLen)
		return 0
	}
	return int(n)
}

func (d *decoder) bytes(n int) []byte {
	if d.err != nil || n == 0 {
		return nil
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(d.r, b); err != nil {
		d.fail(err)
		return nil
	}
	return b
}

func (d *decoder) str() string { return string(d.bytes(d.length())) }

// fixed reads a count, then that many elements of size bytes, get(i, b)
// storing element i; alloc is called with the count first.
func (d *decoder) fixed(size int, alloc func(n int), get func(i int, b []byte)) {
	n := d.length()
	if d.err != nil {
		return
	}
	alloc(n)
	var chunk [4096]byte
	per := len(chunk) / size
	for i := 0; i < n && d.err == nil; i += per {
		m := min(per, n-i)
		if _, err := io.ReadFull(d.r, chunk[:m*size]); err != nil {
			d.fail(err)
			return
		}
		for k := range m {
			get(i+k, chunk[k*size:(k+1)*size])
		}
	}
}

func (d *decoder) u8s() []uint8 { return d.bytes(d.length()) }

func (d *decoder) u16s() (s []uint16) {
	if littleEndian {
		return readRaw[uint16](d)
	}
	d.fixed(2, func(n int) { s = make([]uint16, n) }, func(i int, b []byte) { s[i] = binary.LittleEndian.Uint16(b) })
	return s
}

func (d *decoder) u32s() (s []uint32) {
	if littleEndian {
		return readRaw[uint32](d)
	}
	d.fixed(4, func(n int) { s = make([]uint32, n) }, func(i int, b []byte) { s[i] = binary.LittleEndian.Uint32(b) })
	return s
}

func (d *decoder) i32s() (s []int32) {
	if littleEndian {
		return readRaw[int32](d)
	}
	d.fixed(4, func(n int) { s = make([]int32, n) }, func(i int, b []byte) { s[i] = int32(binary.LittleEndian.Uint32(b)) })
	return s
}

func (d *decoder) f32s() (s []float32) {
	d.fixed(4, func(n int) { s = make([]float32, n) }, func(i int, b []byte) { s[i] = math.Float32frombits(binary.LittleEndian.Uint32(b)) })
	return s
}

func (d *decoder) u64s() (s []uint64) {
	d.fixed(8, func(n int) { s = make([]uint64, n) }, func(i int, b []byte) { s[i] = binary.LittleEndian.Uint64(b) })
	return s
}

// strs reads a list of strings, all cut from one block.
func (d *decoder) strs() []string {
	lens := d.u32s()
	total := 0
	for _, n := range lens {
		total += int(n)
		if total > maxSavedLen {
			d.fail(errSavedLen)
			return nil
		}
	}
	b := d.bytes(total)
	if d.err != nil {
		return nil
	}
	// b is never written again: the strings may share it without a copy.
	var block string
	if len(b) > 0 {
		block = unsafe.String(&b[0], len(b))
	}
	out := make([]string, len(lens))
	at := 0
	for i, n := range lens {
		out[i] = block[at : at+int(n)]
		at += int(n)
	}
	return out
}

// littleEndian is true on hosts that keep integers as the files do, where
// the largest arrays are copied as they are rather than element by element.
var littleEndian = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()

// rawBytes are the bytes of s in memory.
func rawBytes[T uint16 | uint32 | int32](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(s[0])))
}

// readRaw reads a count, then that many elements straight into memory
// (little-endian hosts only).
func readRaw[T uint16 | uint32 | int32](d *decoder) []T {
	n := d.length()
	if d.err != nil {
		return nil
	}
	var zero T
	if uint64(n)*uint64(unsafe.Sizeof(zero)) > maxSavedLen {
		d.fail(errSavedLen)
		return nil
	}
	s := make([]T, n)
	if _, err := io.ReadFull(d.r, rawBytes(s)); err != nil {
		d.fail(err)
		return nil
	}
	return s
}
