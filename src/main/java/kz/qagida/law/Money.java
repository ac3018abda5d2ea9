package kz.qagida.law;

import java.math.BigDecimal;

/** Amounts stated in MRP (МРП, АЕК) and their tenge value at a given MRP. */
public final class Money {

    private Money() {
    }

    /** An amount in MRP as a table cell writes it ("15", "0.5", "0,5"); null for an empty cell. */
    public static BigDecimal mrp(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return plain(new BigDecimal(text.trim().replace(',', '.')));
    }

    /** {@code mrp} times the tenge value of one MRP; null when either is unknown. */
    public static BigDecimal tenge(BigDecimal mrp, Integer mrpValue) {
        if (mrp == null || mrpValue == null) {
            return null;
        }
        return plain(mrp.multiply(BigDecimal.valueOf(mrpValue)));
    }

    /** Without trailing zeros and never in exponent notation: 55380, 1846, 1458.5. */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** True when a conclusion states an amount in MRP (a penalty with an amount, or a fee). */
    public static boolean inMrp(Conclusion c) {
        return (c.penalty() != null && c.penalty().mrp() != null) || c.facts().containsKey("mrp");
    }
}
