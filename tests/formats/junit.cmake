# SPDX-License-Identifier: Apache-2.0
# Checks of the junit output by its real client (being written).
